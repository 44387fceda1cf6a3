package io.releasekit.api.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.SerdeImport;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.run.Approval;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.StepRecord;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The JSON text columns of the run tables: parameters, approval policy, approvals, step records, event data. */
@Singleton
@SerdeImport(StepRecord.class)
@SerdeImport(Approval.class)
@SerdeImport(ApprovalPolicy.class)
class RunJson {

    private static final Argument<List<StepRecord>> STEPS = Argument.listOf(StepRecord.class);
    private static final Argument<List<Approval>> APPROVALS = Argument.listOf(Approval.class);
    private static final Argument<Map<String, Object>> OBJECT_MAP = Argument.mapOf(String.class, Object.class);
    private static final Argument<Map<String, String>> STRING_MAP = Argument.mapOf(String.class, String.class);

    private final JsonMapper mapper;

    RunJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    String parameters(RunParameters p) {
        return write(p.asMap());
    }

    RunParameters parameters(String json) {
        return RunParameters.of(read(json, OBJECT_MAP));
    }

    ApprovalPolicy policy(String json) {
        return read(json, Argument.of(ApprovalPolicy.class));
    }

    List<Approval> approvals(String json) {
        return read(json, APPROVALS);
    }

    List<StepRecord> steps(String json) {
        return read(json, STEPS);
    }

    Map<String, String> data(String json) {
        return read(json, STRING_MAP);
    }

    private <T> T read(String json, Argument<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is not a " + type.getTypeName(), e);
        }
    }
}
