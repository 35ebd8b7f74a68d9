package dev.obslab.logs;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.ws.rs.QueryParam;

/** The query parameters of {@code GET} and {@code POST /generate_logs}, declared once; checked by the resource. */
public class GenerateLogsParams {

    @Parameter(description = "How many events to write", allowEmptyValue = true,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000", defaultValue = "10"))
    @QueryParam("count")
    String count;

    @Parameter(description = "Write every event at this level instead of the configured mix", allowEmptyValue = true,
            schema = @Schema(type = SchemaType.STRING, enumeration = { "TRACE", "DEBUG", "INFO", "WARN", "ERROR" }))
    @QueryParam("level")
    String level;
}
