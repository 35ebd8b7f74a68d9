/**
 * Shared: the process lifecycle (SIGTERM: graceful shutdown, exit 0). Imports no feature.
 */
package dev.obslab.lifecycle;
