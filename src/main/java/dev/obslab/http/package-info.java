/**
 * Shared: HTTP hygiene every endpoint gets: request limits (414, 431, 413), unknown paths and query parameters, strict
 * JSON, OPTIONS, the OpenAPI answers every operation can give, and the index at {@code /}. Imports no feature; may use
 * http.problem, http.admin, telemetry.
 */
package dev.obslab.http;
