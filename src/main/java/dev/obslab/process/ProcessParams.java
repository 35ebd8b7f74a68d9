package dev.obslab.process;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of {@code GET} and {@code POST /process}, declared once. Read as text and validated by hand
 * ({@link ProcessResource}) so that a bad value is a 400 naming the parameter, not JAX-RS' 404.
 */
public class ProcessParams {

    @Parameter(description = "Force this request's total latency in ms", allowEmptyValue = true,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "30000"))
    @QueryParam("delay_ms")
    String delayMs;

    @Parameter(description = "Force the outcome: true fails, false succeeds", allowEmptyValue = true,
            schema = @Schema(type = SchemaType.BOOLEAN))
    @QueryParam("fail")
    String fail;
}
