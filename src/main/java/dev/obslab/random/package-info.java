/**
 * Shared: the one source of randomness ({@code simulator.seed}) and weighted choice. Imports no feature.
 */
package dev.obslab.random;
