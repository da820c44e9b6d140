package io.gatehouse.cert;

import java.util.Map;

/**
 * One armoured block of PEM text: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...), its RFC 1421 headers
 * (only traditional OpenSSL-encrypted keys have any), the block's own text from BEGIN to END, and the decoded bytes.
 */
record PemBlock(String label, Map<String, String> headers, String text, byte[] content) {
}
