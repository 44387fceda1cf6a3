package io.releasekit.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The processes and their tests run without Micronaut: nothing of it is on this module's test class path. */
class PlainJavaClassPathTest {

    @Test
    void micronautIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("io.micronaut.context.ApplicationContext"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.micronaut.http.client.HttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
