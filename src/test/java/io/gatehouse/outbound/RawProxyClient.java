package io.gatehouse.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A socket-level client of the proxy for what curl and HttpClient cannot do on purpose: keep one tunnel open across
 * a configuration change, send half a body and hang up, send malformed requests.
 */
final class RawProxyClient implements AutoCloseable {
    private final Socket plain;
    private Socket current;

    /** One HTTP response as read off the wire. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    RawProxyClient(int proxyPort) throws IOException {
        this.plain = new Socket("127.0.0.1", proxyPort);
        plain.setSoTimeout(20_000);
        this.current = plain;
    }

    static String basic(ProxyTestBed.Credential credential) {
        String userPass = credential.username() + ":" + credential.password();
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code CONNECT} and, when it is answered 200, starts TLS inside the tunnel as {@code host}. */
    Response connect(String host, int port, String proxyAuthorization, SSLContext trust) throws IOException {
        String authority = host + ":" + port;
        send("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n"
                + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n") + "\r\n");
        Response answer = readResponse(true);
        if (answer.status() == 200) {
            SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            current = tls;
        }
        return answer;
    }

    /** The TLS session inside the tunnel (after a successful {@link #connect}). */
    SSLSession tlsSession() {
        return ((SSLSocket) current).getSession();
    }

    void send(String text) throws IOException {
        output().write(text.getBytes(StandardCharsets.ISO_8859_1));
        output().flush();
    }

    OutputStream output() throws IOException {
        return current.getOutputStream();
    }

    Response get(String host, String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        return readResponse(false);
    }

    /** Reads a response head and, unless it answers a CONNECT, its body. Returns status -1 at end of stream. */
    Response readResponse(boolean toConnect) throws IOException {
        InputStream in = current.getInputStream();
        String statusLine = readLine(in);
        if (statusLine == null) {
            return new Response(-1, Map.of(), "");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String length = headers.get("content-length");
        String body = "";
        if (length != null && !(toConnect && status == 200)) {
            body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    /** Whether the proxy has closed the connection: the next read ends the stream (or the socket was reset). */
    boolean isClosedByPeer() {
        try {
            return current.getInputStream().read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        current.close();
        plain.close();
    }
}
