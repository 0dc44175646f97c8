package dev.nextbest.nba.json;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Doubles are written with Jackson's Schubfach writer instead of the JDK's: a decision carries a few hundred
 * scores (its funnel, in the answer and the decision log), and JDK 17's double-to-text conversion was a
 * visible part of a decision's CPU.
 */
@Singleton
public class FastNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    }
}
