package dev.monoscale.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.AgentId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardIndexTest {

    private static final AgentId INVOICES = ThreeCards.INVOICES;
    private static final AgentId WEATHER = ThreeCards.WEATHER;
    private static final AgentId TRANSLATOR = ThreeCards.TRANSLATOR;

    private final CardIndex index = CardIndex.of(ThreeCards.POOL);

    @Test
    void scores_every_card_in_pool_order_and_gives_zero_to_a_card_that_matches_nothing() {
        double[] scores = index.scores("extract the total from this PDF invoice");

        assertThat(scores).hasSize(3);
        assertThat(scores[0]).isPositive();
        assertThat(scores[1]).isZero();
        assertThat(scores[2]).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "the and of it is to be", "?!"})
    void gives_every_card_zero_for_a_text_with_no_terms_left_after_analysis(String text) {
        double[] scores = index.scores(text);

        assertThat(scores).containsExactly(0, 0, 0);
    }

    @Test
    void names_the_words_of_the_text_that_matched_the_card_as_the_text_spells_them() {
        List<String> matched = index.matchedTerms("Extract the totals of these PDF Invoices, please", INVOICES);

        assertThat(matched).containsExactly("extract", "totals", "pdf", "invoices");
    }

    @Test
    void names_no_words_for_a_card_the_text_does_not_touch() {
        List<String> matched = index.matchedTerms("extract the total from this PDF invoice", WEATHER);

        assertThat(matched).isEmpty();
    }

    @Test
    void counts_a_word_repeated_in_the_text_once() {
        double[] once = index.scores("invoice total");

        double[] repeated = index.scores("invoice invoices invoice total total");

        assertThat(repeated).containsExactly(once);
    }

    @Test
    void reads_query_syntax_as_plain_words() {
        double[] plain = index.scores("invoice pdf weather");

        double[] syntax = index.scores("invoice AND (pdf OR \"weather\")~2 +*:* -[a TO z] \\");

        assertThat(syntax).containsExactly(plain);
    }

    @Test
    void agrees_between_scores_matches_and_matched_terms() {
        String text = "translate the forecast for the invoice into Spanish";

        List<CardIndex.CardMatch> matches = index.matches(text);

        double[] scores = index.scores(text);
        assertThat(matches).extracting(CardIndex.CardMatch::worker).containsExactly(INVOICES, WEATHER, TRANSLATOR);
        assertThat(matches).extracting(CardIndex.CardMatch::score).containsExactly(scores[0], scores[1], scores[2]);
        for (CardIndex.CardMatch match : matches) {
            assertThat(match.terms()).isEqualTo(index.matchedTerms(text, match.worker()));
            assertThat(match.score() > 0).isEqualTo(!match.terms().isEmpty());
        }
    }

    @Test
    void scores_the_same_from_many_threads_at_once() throws Exception {
        List<String> texts =
                List.of("pdf invoice total", "rain in Oslo tomorrow", "translate to Spanish", "nothing here at all");
        List<double[]> expected = texts.stream().map(index::scores).toList();

        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 400; i++) {
                int which = i % texts.size();
                results.add(threads.submit(() -> Arrays.equals(index.scores(texts.get(which)), expected.get(which))));
            }
        }

        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
    }

    @Test
    void routes_a_text_longer_than_the_query_clause_limit_on_its_first_words() {
        StringBuilder text = new StringBuilder("invoice");
        for (int i = 0; i < 2_000; i++) {
            text.append(" word").append(i);
        }
        text.append(" weather");

        double[] scores = index.scores(text.toString());

        assertThat(scores[0]).isPositive();
        assertThat(scores[1]).isZero();
    }

    @Test
    void rejects_a_worker_outside_the_indexed_pool() {
        assertThatThrownBy(() -> index.matchedTerms("invoice", AgentId.of("stranger")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("worker 'stranger' is not in the indexed pool [invoice-reader, weather, translator]");
    }
}
