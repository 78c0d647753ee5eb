package org.paperscout.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComponentIdTest {

    @Test
    void encodesAndParsesBack() {
        ComponentId id = ComponentId.of("page", "k7f3ab", 2);
        assertThat(id.encode()).isEqualTo("ps1:page:k7f3ab:2");
        assertThat(ComponentId.parse(id.encode())).contains(id);
    }

    @Test
    void foreignOrOldIdsAreNotParsed() {
        assertThat(ComponentId.parse("ps0:page:x")).isEmpty();
        assertThat(ComponentId.parse("garbage")).isEmpty();
        assertThat(ComponentId.parse("ps1:BAD VERB:x")).isEmpty();
        assertThat(ComponentId.parse(null)).isEmpty();
    }

    @Test
    void refusesIdsOverDiscordsLimit() {
        assertThatThrownBy(() -> ComponentId.of("save", "x".repeat(100)).encode())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComponentId.of("save", "a:b")).isInstanceOf(IllegalArgumentException.class);
    }
}
