package io.releasekit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostSplitterTest {

    private static final Pattern SUFFIX = Pattern.compile(" \\((\\d+)/(\\d+)\\)$");

    @Test
    void keepsATextThatFitsAsOnePostWithoutSuffix() {
        String text = "Packit in October 2025: new /packit koji-build options. " + "x".repeat(400);
        assertThat(PostSplitter.mastodon().split("  " + text + "\n")).containsExactly(text);
    }

    @Test
    void keepsAPostOfExactlyTheLimit() {
        String text = "a".repeat(500);
        assertThat(PostSplitter.mastodon().split(text)).containsExactly(text);
    }

    @ParameterizedTest
    @ValueSource(ints = {501, 999, 1000, 1499, 2600, 12_000})
    void splitsALongTextIntoNumberedPostsWithinTheLimit(int size) {
        String text = words(size, 42);

        List<String> posts = PostSplitter.mastodon().split(text);

        assertThat(posts).hasSizeGreaterThan(1);
        for (int i = 0; i < posts.size(); i++) {
            String post = posts.get(i);
            assertThat(MastodonLength.count(post)).as("post %d", i + 1).isLessThanOrEqualTo(500);
            var m = SUFFIX.matcher(post);
            assertThat(m.find()).as("suffix of post %d: %s", i + 1, post).isTrue();
            assertThat(m.group(1)).isEqualTo(String.valueOf(i + 1));
            assertThat(m.group(2)).isEqualTo(String.valueOf(posts.size()));
        }
        assertThat(rejoin(posts)).isEqualTo(normalise(text));
    }

    @Test
    void neverCutsAWordWhenEveryWordFits() {
        String text = words(3_000, 7);
        List<String> posts = PostSplitter.mastodon().split(text);

        List<String> wordsAfter = new ArrayList<>();
        posts.forEach(p -> wordsAfter.addAll(Arrays.asList(stripSuffix(p).split("\\s+"))));
        assertThat(wordsAfter).containsExactlyElementsOf(Arrays.asList(text.split("\\s+")));
    }

    @Test
    void usesThePostsFully() {
        // greedy packing: a post plus the next word would not have fitted
        String text = words(5_000, 3);
        List<String> posts = PostSplitter.mastodon().split(text);
        for (int i = 0; i < posts.size() - 1; i++) {
            String nextWord = stripSuffix(posts.get(i + 1)).split("\\s+")[0];
            String grown = stripSuffix(posts.get(i)) + " " + nextWord;
            int widestSuffix = 2 * String.valueOf(posts.size()).length() + 4; // " (nn/nn)"
            assertThat(MastodonLength.count(grown)).isGreaterThan(500 - widestSuffix);
        }
    }

    @Test
    void countsUrlsAs23CharactersSoLongLinksDoNotForceAThread() {
        String url = "https://packit.dev/posts/2025-10-weekly-update/" + "very-long-slug-".repeat(10);
        String text = ("Read " + url + " now. ").repeat(12).strip();
        assertThat(text.length()).isGreaterThan(1500);

        assertThat(PostSplitter.mastodon().split(text)).containsExactly(text);
    }

    @Test
    void cutsOnlyAWordThatAloneExceedsTheLimit() {
        String longWord = "a".repeat(1_200);
        List<String> posts = PostSplitter.mastodon().split("before " + longWord + " after");

        assertThat(posts).hasSize(3);
        assertThat(posts.get(0)).startsWith("before aaa");
        assertThat(String.join(
                        "", posts.stream().map(PostSplitterTest::stripSuffix).toList()))
                .isEqualTo("before " + longWord + " after");
        posts.forEach(p -> assertThat(MastodonLength.count(p)).isLessThanOrEqualTo(500));
    }

    @Test
    void widensTheSuffixWhenTheThreadReachesTenPosts() {
        PostSplitter splitter = PostSplitter.of(20, MastodonLength::graphemes);
        String text = words(400, 11).replaceAll("\\S{9,}", "word");

        List<String> posts = splitter.split(text);

        assertThat(posts.size()).isGreaterThanOrEqualTo(10);
        assertThat(posts.get(0)).endsWith(" (1/" + posts.size() + ")");
        posts.forEach(p -> assertThat(MastodonLength.graphemes(p)).isLessThanOrEqualTo(20));
        assertThat(rejoin(posts)).isEqualTo(normalise(text));
    }

    @Test
    void keepsLineBreaksInsideAPost() {
        String text = "Highlights:\n\n- first item\n- second item\n" + "word ".repeat(120);
        List<String> posts = PostSplitter.mastodon().split(text);
        assertThat(posts.get(0)).startsWith("Highlights:\n\n- first item\n- second item\nword");
    }

    @Test
    void refusesABlankText() {
        assertThatThrownBy(() -> PostSplitter.mastodon().split(" \n "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void refusesALimitTooSmallForTheSuffix() {
        assertThatThrownBy(() -> PostSplitter.of(6, String::length))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("6");
    }

    private static String words(int approxLength, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < approxLength) {
            int len = 1 + r.nextInt(12);
            for (int i = 0; i < len; i++) {
                sb.append((char) ('a' + r.nextInt(26)));
            }
            sb.append(r.nextInt(15) == 0 ? "\n" : " ");
        }
        return sb.toString().strip();
    }

    private static String stripSuffix(String post) {
        return SUFFIX.matcher(post).replaceFirst("");
    }

    private static String rejoin(List<String> posts) {
        return normalise(String.join(
                " ", posts.stream().map(PostSplitterTest::stripSuffix).toList()));
    }

    private static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
