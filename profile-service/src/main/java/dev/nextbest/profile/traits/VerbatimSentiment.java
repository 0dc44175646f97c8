package dev.nextbest.profile.traits;

import com.vader.sentiment.analyzer.SentimentAnalyzer;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The sentiment of a customer's own words (a survey's or a complaint's verbatim) with VADER: a lexicon of
 * about 7,500 words and emoticons rated by people, and rules for negation, intensifiers, "but", capitals and
 * punctuation (Hutto and Gilbert, ICWSM 2014; MIT licence). Its compound score runs from -1 (most negative)
 * to 1 (most positive); by the authors' convention, below -0.05 is negative and above 0.05 positive.
 * English only. The text is never logged.
 */
@ApplicationScoped
public class VerbatimSentiment {

    /** Longer texts are scored on their beginning: a verbatim is a few sentences, and this bounds the cost. */
    static final int MAX_CHARACTERS = 2_000;

    public double compound(String text) {
        String scored = text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
        try {
            SentimentAnalyzer analyzer = new SentimentAnalyzer(scored);
            analyzer.analyze();
            Float compound = analyzer.getPolarity().get("compound");
            return compound == null ? 0 : compound;
        } catch (IOException e) {
            throw new UncheckedIOException("the sentiment tokenizer failed", e);
        }
    }
}
