package dev.nextbest.beta;

/** Another service's class. */
public class Stock {
}
