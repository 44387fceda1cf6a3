package io.releasekit.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerfileCheckTest {

    private static final String MULTI_STAGE =
            """
            # syntax=docker/dockerfile:1
            ARG GO_VERSION=1.22.4
            ARG BASE=debian
            ARG BASE_TAG

            FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS build
            WORKDIR /src
            RUN go build -o /out/app ./cmd/app

            FROM build AS test
            RUN go test ./...

            FROM ${BASE}:${BASE_TAG:-12.5.0} AS runtime-base

            FROM \\
                runtime-base
            COPY --from=build /out/app /app
            """;

    @Test
    void substitutesArgDefaultsAndAllowsStageReferences() {
        DockerfileReport r = DockerfileCheck.defaults().check("Dockerfile", MULTI_STAGE);

        assertThat(r.froms()).extracting(DockerfileReport.From::line).containsExactly(6, 10, 13, 15);
        assertThat(r.froms())
                .extracting(DockerfileReport.From::image)
                .containsExactly("golang:1.22.4-bookworm", "build", "debian:12.5.0", "runtime-base");
        assertThat(r.froms().get(0).pin()).contains(ImagePin.SEMVER);
        assertThat(r.froms().get(1).pin()).isEmpty();
        assertThat(r.ok()).isTrue();
    }

    @Test
    void buildArgumentsOverrideDefaults() {
        DockerfileReport r = DockerfileCheck.defaults()
                .withBuildArgs(Map.of("BASE_TAG", "bookworm-slim"))
                .check("Dockerfile", MULTI_STAGE);

        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(13);
            assertThat(f.image()).isEqualTo("debian:bookworm-slim");
            assertThat(f.reason()).contains("not a SemVer version");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "FROM debian:latest, moving target",
        "FROM debian, no tag",
        "FROM quay.io/packit/base:master, moving target",
        "FROM ghcr.io/o/app:main, moving target",
        "FROM alpine:edge, moving target",
        "FROM fedora:stable, moving target",
        "FROM debian:bookworm-slim, not a SemVer version",
        "FROM localhost:5000/app:12.5, not a SemVer version"
    })
    void refusesMovingAndUnversionedBases(String line, String reason) {
        DockerfileReport r = DockerfileCheck.defaults().check("Dockerfile", "# base\n" + line + "\nRUN true\n");

        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.reason()).contains(reason);
        });
    }

    @ParameterizedTest
    @CsvSource({
        "FROM debian:12.5.0",
        "FROM quay.io/packit/base:v1.2.3",
        "FROM python:3.12.1-slim-bookworm",
        "FROM debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "FROM debian:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "FROM scratch"
    })
    void acceptsDigestsAndSemVerTags(String line) {
        assertThat(DockerfileCheck.defaults().check("Dockerfile", line).ok()).isTrue();
    }

    @Test
    void refusesTagsTheConfiguredListNames() {
        DockerfileReport r = DockerfileCheck.defaults()
                .refusing(Set.of("nightly"))
                .check("Dockerfile", "FROM app:1.0.0 AS a\nFROM app:NIGHTLY\n");

        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.reason()).contains("'NIGHTLY' is a moving target");
        });
    }

    @Test
    void reportsAnArgWithoutValue() {
        DockerfileReport r = DockerfileCheck.defaults().check("Dockerfile", "ARG TAG\nFROM debian:$TAG\n");

        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.reason())
                .contains("ARG TAG has no default"));
    }

    @Test
    void argAfterTheFirstFromDoesNotChangeLaterFroms() {
        DockerfileReport r = DockerfileCheck.defaults()
                .check("Dockerfile", "ARG V=1.0.0\nFROM a:$V AS one\nARG V=latest\nFROM b:$V\n");

        assertThat(r.froms()).extracting(DockerfileReport.From::image).containsExactly("a:1.0.0", "b:1.0.0");
    }

    @Test
    void refusesTextWithoutFrom() {
        assertThatThrownBy(() -> DockerfileCheck.defaults().check("README.md", "# hello\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'README.md' has no FROM");
    }
}
