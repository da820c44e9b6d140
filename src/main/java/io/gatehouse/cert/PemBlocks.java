package io.gatehouse.cert;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits uploaded PEM text into its armoured blocks, strictly and within fixed bounds, so that hostile input fails
 * fast with one {@link CertificateRejectedException} instead of reaching an ASN.1 parser.
 *
 * <p>Explanatory text before a block is allowed (RFC 7468 section 2; openssl writes {@code subject=} and
 * {@code Bag Attributes} lines there), but text after the last block is refused: it usually means a paste went
 * wrong. Control characters, nested or mismatched armour, blocks without an END line and content that is not
 * base64 are refused too.
 */
final class PemBlocks {
    /** Bodies are limited to 1 MiB by the API; a field this long cannot be a sensible certificate or key. */
    static final int MAX_CHARS = 1024 * 1024;

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/=]*");
    private static final Pattern LABEL = Pattern.compile("[A-Z0-9 ]{1,40}");

    private final IntakeError error;
    private final String field;
    private final int maxBlocks;

    /**
     * @param error the code every structural problem is reported with
     * @param field how the message names the input, e.g. "certificate"
     * @param maxBlocks more blocks than this are refused before any of them is decoded
     */
    PemBlocks(IntakeError error, String field, int maxBlocks) {
        this.error = error;
        this.field = field;
        this.maxBlocks = maxBlocks;
    }

    List<PemBlock> split(String text) throws CertificateRejectedException {
        if (text == null || text.isBlank()) {
            throw reject("The " + field + " is missing: paste the PEM text including its BEGIN and END lines.");
        }
        if (text.length() > MAX_CHARS) {
            throw reject("The " + field + " is longer than 1 MiB; upload only the PEM text of the " + field + ".");
        }
        refuseControlCharacters(text);
        // Editors on Windows may prepend a byte order mark; it would hide the first BEGIN line.
        String[] lines = (text.charAt(0) == '\uFEFF' ? text.substring(1) : text).split("\r\n|\r|\n", -1);
        List<PemBlock> blocks = new ArrayList<>();
        int index = 0;
        while (index < lines.length) {
            String line = lines[index].strip();
            if (line.startsWith(BEGIN)) {
                if (blocks.size() == maxBlocks) {
                    throw new CertificateRejectedException(blocksError(), "The " + field + " holds more than "
                            + maxBlocks + " PEM blocks; upload at most " + maxBlocks + ".");
                }
                index = readBlock(lines, index, blocks);
            } else if (line.startsWith(DASHES)) {
                throw reject("The " + field + " has a malformed armour line; each block must start with "
                        + "'-----BEGIN <LABEL>-----' and end with '-----END <LABEL>-----'.");
            } else {
                index++;
            }
        }
        if (blocks.isEmpty()) {
            throw reject("The " + field + " is not PEM: no '-----BEGIN ...-----' line was found.");
        }
        refuseTrailingText(lines);
        return blocks;
    }

    private int readBlock(String[] lines, int start, List<PemBlock> blocks) throws CertificateRejectedException {
        String label = label(lines[start].strip());
        String endLine = END + label + DASHES;
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder base64 = new StringBuilder();
        StringBuilder raw = new StringBuilder(lines[start].strip()).append('\n');
        for (int index = start + 1; index < lines.length; index++) {
            String line = lines[index].strip();
            raw.append(line).append('\n');
            if (line.equals(endLine)) {
                blocks.add(new PemBlock(label, Map.copyOf(headers), raw.toString(), decode(label, base64)));
                return index + 1;
            }
            if (line.startsWith(DASHES)) {
                throw reject("The " + field + " has a '" + label + "' block that is not closed by '" + endLine
                        + "' before the next armour line; paste each block whole.");
            }
            readLine(line, label, headers, base64);
        }
        throw reject("The " + field + " is truncated: the '" + label + "' block has no '" + endLine
                + "' line; paste the whole block.");
    }

    private void readLine(String line, String label, Map<String, String> headers, StringBuilder base64)
            throws CertificateRejectedException {
        int colon = line.indexOf(':');
        if (colon > 0 && base64.length() == 0) {
            headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        } else if (BASE64_LINE.matcher(line).matches()) {
            base64.append(line);
        } else {
            throw reject("The " + field + " has a '" + label + "' block whose content is not base64; paste the "
                    + "block exactly as it was exported.");
        }
    }

    private String label(String beginLine) throws CertificateRejectedException {
        if (!beginLine.endsWith(DASHES) || beginLine.length() <= BEGIN.length() + DASHES.length()) {
            throw reject("The " + field + " has a malformed BEGIN line; it must read '-----BEGIN <LABEL>-----'.");
        }
        String label = beginLine.substring(BEGIN.length(), beginLine.length() - DASHES.length());
        if (!LABEL.matcher(label).matches()) {
            throw reject("The " + field + " has a malformed BEGIN line; it must read '-----BEGIN <LABEL>-----'.");
        }
        return label;
    }

    private byte[] decode(String label, StringBuilder base64) throws CertificateRejectedException {
        if (base64.length() == 0) {
            throw reject("The " + field + " has an empty '" + label + "' block; paste the block with its content.");
        }
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw reject("The " + field + " has a '" + label + "' block whose base64 content is damaged or "
                    + "truncated; export it again.");
        }
    }

    private void refuseControlCharacters(String text) throws CertificateRejectedException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f || c == '\uFFFD') {
                throw reject("The " + field + " contains binary data; upload PEM text (for a PKCS#12 file, use the "
                        + "pkcs12 field).");
            }
        }
    }

    private void refuseTrailingText(String[] lines) throws CertificateRejectedException {
        for (int index = lines.length - 1; index >= 0; index--) {
            String line = lines[index].strip();
            if (line.startsWith(END)) {
                return;
            }
            if (!line.isEmpty()) {
                throw reject("The " + field + " has text after its last END line; remove everything after it.");
            }
        }
    }

    private IntakeError blocksError() {
        return error == IntakeError.INVALID_CERTIFICATE ? IntakeError.INVALID_CHAIN : error;
    }

    private CertificateRejectedException reject(String message) {
        return new CertificateRejectedException(error, message);
    }
}
