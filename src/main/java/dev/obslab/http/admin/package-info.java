/**
 * Shared: the admin lock. With {@code SIMULATOR_ADMIN_TOKEN} set, requests that change behaviour ({@link
 * dev.obslab.http.admin.AdminOnly}) need the bearer token. Imports no feature; may use http.problem.
 */
package dev.obslab.http.admin;
