package io.releasekit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MastodonLengthTest {

    @ParameterizedTest(name = "[{index}] {0} counts {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "hello|5",
                "https://example.org/a/very/long/path/that/goes/on/and/on/for/quite/a/while?with=query|23",
                "see https://example.org/x.|28", // trailing period is not part of the URL
                "(https://example.org/a_(b))|25", // balanced parentheses stay in the URL
                "(https://example.org/x)|25", // an unbalanced closing parenthesis does not
                "http://a.b https://c.d|47",
                "nohttps://example.org|21", // glued to a word: not a URL
                "@alice@fosstodon.example hi|9", // a remote mention counts as @alice
                "@bob hi|7",
                "café|4",
                "👍🏽|1", // emoji with a skin-tone modifier is one character
                "👨‍👩‍👧|1", // a ZWJ family is one character
                "🇪🇺|1" // a flag is one character
            })
    void countsAsMastodonDoes(String text, int expected) {
        assertThat(MastodonLength.count(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10,14", "23,27"})
    void honoursAnInstancesUrlWeight(int perUrl, int expected) {
        assertThat(MastodonLength.count("see https://example.org/some/long/path", perUrl))
                .isEqualTo(expected);
    }
}
