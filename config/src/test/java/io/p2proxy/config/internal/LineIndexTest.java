package io.p2proxy.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineIndexTest {

    private static final String TEXT = String.join("\n",
            "# comment",                              // 1
            "name = \"a\"  # trailing",               // 2
            "doc = \"\"\"",                           // 3
            "fake = 1",                               // 4  inside a multi-line string
            "\"\"\"",                                 // 5
            "[[publish]]",                            // 6
            "name = \"x\"",                           // 7
            "allow = [",                              // 8
            "  \"a\", # first",                       // 9
            "  # a comment line",                     // 10
            "  \"b\",",                               // 11
            "]",                                      // 12
            "[[publish]]",                            // 13
            "target = 'h:1'",                         // 14
            "[publish.extra]",                        // 15
            "k = 1",                                  // 16
            "[ tls ]",                                // 17
            "\"cert\" = 'c'",                         // 18
            "a.b . c = 1",                            // 19
            "inline = { x = 1, y = [1, 2] }",         // 20
            "");

    private final LineIndex index = LineIndex.of(TEXT);

    @Test
    void topLevelKeysAndTables() {
        assertThat(index.line("name")).isEqualTo(2);
        assertThat(index.line("doc")).isEqualTo(3);
        assertThat(index.line("tls")).isEqualTo(17);
        assertThat(index.line("tls.cert")).isEqualTo(18);
        assertThat(index.line("tls.a.b.c")).isEqualTo(19);
    }

    @Test
    void keysInsideMultiLineStringsAreNotKeys() {
        assertThat(index.line("fake")).isZero();
    }

    @Test
    void arraysOfTablesCountFromOne() {
        assertThat(index.line("publish")).isEqualTo(6);
        assertThat(index.line("publish[1]")).isEqualTo(6);
        assertThat(index.line("publish[1].name")).isEqualTo(7);
        assertThat(index.line("publish[2]")).isEqualTo(13);
        assertThat(index.line("publish[2].target")).isEqualTo(14);
        assertThat(index.line("publish[2].extra.k")).isEqualTo(16);
    }

    @Test
    void elementsOfAMultiLineArrayHaveTheirOwnLines() {
        assertThat(index.line("publish[1].allow")).isEqualTo(8);
        assertThat(index.line("publish[1].allow[1]")).isEqualTo(9);
        assertThat(index.line("publish[1].allow[2]")).isEqualTo(11);
    }

    @Test
    void unknownPathsFallBackToTheirNearestParent() {
        assertThat(index.line("tls.inline.x")).isEqualTo(20);
        assertThat(index.line("publish[2].name")).isEqualTo(13);
        assertThat(index.line("nothing")).isZero();
    }

    @Test
    void quotedKeysWithEscapesMatchTheParsersKeys() {
        assertThat(LineIndex.of("a = 1\n[\"x\\ty\"]\n\"k\\u00e9\" = 1\n").line("x\ty.k\u00e9")).isEqualTo(3);
    }

    @Test
    void windowsLineEndingsCountLikeUnix() {
        assertThat(LineIndex.of("a = 1\r\n\r\nb = 2\r\n").line("b")).isEqualTo(3);
    }
}
