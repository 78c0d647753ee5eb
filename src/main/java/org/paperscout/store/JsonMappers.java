package org.paperscout.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The Jackson mappers of the stores and exports, built on first use: Jackson's start (some 400 classes) was on the
 * path to the bot's first answer when each store and export command built its own at construction. A mapper is safe
 * to share once configured.
 */
public final class JsonMappers {

    private JsonMappers() {
    }

    private static final class Plain {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final class Indented {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** For values kept in columns: compact. */
    public static ObjectMapper plain() {
        return Plain.MAPPER;
    }

    /** For files people download (exports): indented. */
    public static ObjectMapper indented() {
        return Indented.MAPPER;
    }
}
