package io.releasekit.api.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Installs the {@link SchemaTemplate} as a fresh embedded database when a data source's configuration is created, that
 * is before its pool opens the first connection (and before Flyway migrates it).
 */
@Singleton
public class SchemaTemplateInstaller implements BeanCreatedEventListener<DatasourceConfiguration> {

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        SchemaTemplate.installIfFresh(configuration.getUrl());
        return configuration;
    }
}
