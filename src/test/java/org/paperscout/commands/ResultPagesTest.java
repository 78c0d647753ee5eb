package org.paperscout.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.paperscout.search.SearchRequest;

class ResultPagesTest {

    private final ResultPages pages = new ResultPages(100, Duration.ofMinutes(30), Ticker.systemTicker());

    @Test
    void aPageIsRecalledByWhoeverClicksItsButton() {
        SearchRequest request = SearchRequest.of("memorization", 5);
        String key = pages.remember("alice", request);

        assertThat(pages.recall(key)).contains(request);
        assertThat(pages.recall("nosuchkey1")).isEmpty();
    }

    @Test
    void forgettingAUserDropsOnlyTheSearchesThatUserRan() {
        String alice1 = pages.remember("alice", SearchRequest.of("diffusion", 5));
        String alice2 = pages.remember("alice", SearchRequest.of("unlearning", 5));
        SearchRequest bobs = SearchRequest.of("diffusion", 5);
        String bob = pages.remember("bob", bobs);

        pages.forgetUser("alice");

        assertThat(pages.recall(alice1)).isEmpty();
        assertThat(pages.recall(alice2)).isEmpty();
        assertThat(pages.recall(bob)).contains(bobs);
        pages.forgetUser("nobody");
        assertThat(pages.recall(bob)).contains(bobs);
    }
}
