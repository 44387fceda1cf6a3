package io.releasekit.core.host;

import static io.releasekit.core.host.ReleaseNotesTest.pr;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlogPostTest {

    @Test
    void draftsTheWeeklyPostWithEntriesPerRepository() {
        BlogPost post = BlogPost.draft(
                "Packit",
                LocalDate.parse("2025-11-18"),
                LocalDate.parse("2025-11-24"),
                LocalDate.parse("2025-11-24"),
                List.of("lbarcziova"),
                List.of(
                        new BlogPost.RepositoryChanges(
                                "packit",
                                List.of(
                                        pr(2401, "Aliases", "RELEASE NOTES BEGIN\nAliases work.\nRELEASE NOTES END"),
                                        pr(2402, "Refactor", "Refactor.\n\nN/A"))),
                        new BlogPost.RepositoryChanges("ogr", List.of()),
                        new BlogPost.RepositoryChanges(
                                "packit-service",
                                List.of(pr(2700, "Retrigger", "You can retrigger `/packit test`.")))));

        assertThat(post.title()).isEqualTo("Week 47 in Packit");
        assertThat(post.markdown())
                .isEqualTo(
                        """
                        ---
                        title: "Week 47 in Packit"
                        date: 2025-11-24
                        authors: lbarcziova
                        tags:
                          - 2025-November
                          - 2025
                          - November
                        ---

                        ## Week 47 (November 18th – November 24th)

                        ### packit

                        - Aliases work. ([packit#2401](https://github.com/packit/packit/pull/2401))

                        ### packit-service

                        - You can retrigger `/packit test`. ([packit-service#2700](https://github.com/packit/packit/pull/2700))
                        """);
        assertThat(post.omitted()).extracting(o -> o.pullRequest().number()).containsExactly(2402);
    }

    @Test
    void namesBothWeeksWhenTheWindowSpansThem() {
        BlogPost post = BlogPost.draft(
                "Packit",
                LocalDate.parse("2025-11-12"),
                LocalDate.parse("2025-11-21"),
                LocalDate.parse("2025-11-21"),
                List.of(),
                List.of());

        assertThat(post.title()).isEqualTo("Weeks 46–47 in Packit");
        assertThat(post.markdown()).contains("authors: TODO").contains("(November 12th – November 21st)");
    }
}
