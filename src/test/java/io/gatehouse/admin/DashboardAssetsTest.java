package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files hold to what its Content-Security-Policy and escaping rules need: no inline script or
 * style, nothing from another origin, and API text never parsed as HTML.
 */
class DashboardAssetsTest {

    @Test
    void scripts_neverParseTextAsHtml() throws Exception {
        for (Path script : assets(".js")) {
            assertThat(Files.readString(script, StandardCharsets.UTF_8)).as(script.toString())
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("confirm(");
        }
    }

    @Test
    void page_hasNoInlineScriptOrStyleAndNothingFromOtherOrigins() throws Exception {
        String page = Files.readString(dashboard().resolve("index.html"), StandardCharsets.UTF_8);

        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=")
                .doesNotContain("<style").doesNotContainPattern("\\son[a-z]+=").doesNotContain("//cdn")
                .doesNotContainPattern("(src|href)=\"(https?:)?//");
        for (Path file : assets("")) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                    .doesNotContainPattern("@import|url\\(\\s*['\"]?https?:");
        }
    }

    @Test
    void everyDialog_isARealDialogOpenedModally() throws Exception {
        String page = Files.readString(dashboard().resolve("index.html"), StandardCharsets.UTF_8);
        String dialogs = Files.readString(dashboard().resolve("dialogs.js"), StandardCharsets.UTF_8);

        assertThat(page.split("<dialog ", -1)).hasSize(7);
        assertThat(dialogs).contains("showModal()").doesNotContain(".show()");
    }

    private static List<Path> assets(String suffix) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dashboard())) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Path dashboard() throws URISyntaxException {
        return Path.of(DashboardAssetsTest.class.getResource("/dashboard/index.html").toURI()).getParent();
    }
}
