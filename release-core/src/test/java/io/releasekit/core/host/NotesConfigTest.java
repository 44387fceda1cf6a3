package io.releasekit.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotesConfigTest {

    @Test
    void refusesANullAuthorNamingItsIndexInsteadOfThrowingANullPointerException() {
        List<String> authors = Arrays.asList("dependabot[bot]", null);

        assertThatThrownBy(() -> NotesConfig.defaults().withExcludeAuthors(authors))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("excludeAuthors[1] is null: give a name or leave it out");
    }

    @Test
    void refusesNullAndBlankLabelsInTheConfigAndInCategories() {
        assertThatThrownBy(() -> NotesConfig.defaults().withExcludeLabels(Arrays.asList((String) null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("excludeLabels[0] is null");
        assertThatThrownBy(() -> new NotesCategory("Fixes", Arrays.asList("bug", " "), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("category 'Fixes' labels[1] is blank");
        assertThatThrownBy(() -> new NotesCategory("Fixes", List.of("bug"), Arrays.asList((String) null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("category 'Fixes' excludeLabels[0] is null");
    }

    @Test
    void keepsValidNamesInOrder() {
        NotesConfig c = NotesConfig.defaults().withExcludeAuthors(List.of("renovate[bot]", "dependabot[bot]"));

        assertThat(c.excludeAuthors()).containsExactly("renovate[bot]", "dependabot[bot]");
    }
}
