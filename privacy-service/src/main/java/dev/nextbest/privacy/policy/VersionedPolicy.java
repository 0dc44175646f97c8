package dev.nextbest.privacy.policy;

/** A privacy policy at one of its versions. */
public record VersionedPolicy(int version, PrivacyPolicy policy) {
}
