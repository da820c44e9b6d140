/**
 * The REST admin API, the dashboard's assets and sessions, and the authentication of operators.
 */
package io.gatehouse.admin;
