package dev.nextbest.privacy.assessment;

import dev.nextbest.privacy.datamap.DataMap;
import dev.nextbest.privacy.datamap.FieldDeclaration;
import dev.nextbest.privacy.datamap.SystemDeclaration;
import dev.nextbest.privacy.datamap.Taxonomy;
import dev.nextbest.privacy.policy.PolicyEvaluator;
import dev.nextbest.privacy.policy.VersionedPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Assesses one change: which fields it reads (from its CEL expressions and its models' features), what
 * the data map says of them, which policy rules it violates, which DPIA criteria it meets, its risk, the
 * consents it needs and its status. Pure: no clock, no I/O, so the same inputs, policies and data map
 * give the same verdict.
 */
public final class Assessor {

    /** Categories that are sensitive or highly personal for the SENSITIVE_DATA criterion. */
    static final List<String> SENSITIVE = List.of("user.health_and_medical", "user.biometric", "user.criminal_history",
            "user.demographic.race_ethnicity", "user.demographic.political_opinion", "user.demographic.religious_belief",
            "user.demographic.sexual_orientation", "user.government_id", "user.financial.bank_account",
            "user.financial.credit_card", "user.location.precise", "user.childrens");
    /** Categories that make an automated exclusion significant: money, health, criminal record. */
    static final List<String> SIGNIFICANT = List.of("user.financial", "user.health_and_medical", "user.criminal_history");
    static final List<String> MONITORING = List.of("user.behavior.browsing_history", "user.location", "user.device");
    static final List<String> PROFILING_USES = List.of("marketing.advertising.profiling", "personalize.content.profiled",
            "train_ai_system");
    static final List<String> DERIVED_PROFILES = List.of("profile.predictions", "profile.segments", "profile.behaviouralSegment");

    private final ExpressionFields expressionFields = new ExpressionFields();
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final long largeScalePerDay;

    /** @param largeScalePerDay from how many a day (or unlimited) a change counts as large scale */
    public Assessor(long largeScalePerDay) {
        this.largeScalePerDay = largeScalePerDay;
    }

    /** A field read, where from, and what the data map declares of it (empty: undeclared). */
    record Read(String path, String origin, boolean excludes, boolean model, List<FieldDeclaration> declared) {

        boolean personal() {
            return declared.stream().anyMatch(FieldDeclaration::personal);
        }

        boolean inCategory(List<String> ancestors) {
            return declared.stream().flatMap(field -> field.categories().stream())
                    .anyMatch(category -> ancestors.stream().anyMatch(ancestor -> Taxonomy.isUnder(category, ancestor)));
        }
    }

    public Verdict assess(AssessmentInputs inputs, DataMap dataMap, List<VersionedPolicy> policies) {
        SystemDeclaration system = dataMap.system(inputs.system()).orElseThrow(() -> new IllegalArgumentException(
                "no data map declares system '" + inputs.system() + "'"));
        List<Read> reads = reads(inputs, system);
        List<Finding> findings = new ArrayList<>();

        SortedMap<String, SortedSet<String>> fieldsByCategory = new TreeMap<>();
        for (Read read : reads) {
            if (read.declared().isEmpty()) {
                findings.add(new Finding(Finding.Kind.UNDECLARED_FIELD, read.path(), read.origin() + " reads "
                        + read.path() + ", which the data map of " + system.system() + " does not declare", List.of(read.path())));
                continue;
            }
            for (FieldDeclaration field : read.declared()) {
                field.categories().forEach(category -> fieldsByCategory.computeIfAbsent(category, c -> new TreeSet<>()).add(read.path()));
            }
            for (String use : inputs.dataUses()) {
                if (read.declared().stream().noneMatch(field -> field.allows(use))) {
                    findings.add(new Finding(Finding.Kind.UNDECLARED_USE, read.path(), read.origin() + " reads " + read.path()
                            + " for " + use + ", a use its data map does not declare for it", List.of(read.path())));
                }
            }
        }

        if (inputs.dataUses().isEmpty()) {
            findings.add(new Finding(Finding.Kind.NO_DATA_USE, "dataUses", "the " + inputs.kind()
                    + " declares no data use, so no policy can be checked against it", List.of()));
        }
        SortedSet<String> categories = new TreeSet<>(fieldsByCategory.keySet());
        Set<String> subjects = new TreeSet<>(inputs.subjects());
        for (String use : new TreeSet<>(inputs.dataUses())) {
            for (VersionedPolicy policy : policies) {
                for (PolicyEvaluator.Violation violation : evaluator.evaluate(policy.policy(),
                        new PolicyEvaluator.Declaration(categories, use, subjects))) {
                    SortedSet<String> fields = new TreeSet<>();
                    violation.categories().forEach(category -> fields.addAll(fieldsByCategory.get(category)));
                    findings.add(new Finding(Finding.Kind.POLICY_VIOLATION, violation.policy() + "." + violation.rule(),
                            "violates rule " + violation.rule() + " of policy " + violation.policy() + " (" + violation.ruleName()
                                    + "): data categories " + violation.categories() + " for data use " + use
                                    + " of subjects " + violation.subjects() + ", read from " + fields,
                            List.copyOf(fields)));
                }
            }
        }

        SortedSet<String> requiredConsents = new TreeSet<>(inputs.purposes());
        for (String use : inputs.dataUses()) {
            dataMap.taxonomy().consentPurpose(use).ifPresent(purpose -> {
                if (!inputs.purposes().contains(purpose)) {
                    findings.add(new Finding(Finding.Kind.CONSENT_NOT_DECLARED, purpose, "data use " + use + " needs consent for "
                            + purpose + ", which the " + inputs.kind() + " does not list in its purposes", List.of()));
                }
                requiredConsents.add(purpose);
            });
        }

        Map<Criterion, SortedSet<String>> criteria = criteria(inputs, reads);
        criteria.forEach((criterion, fields) -> findings.add(new Finding(Finding.Kind.DPIA_CRITERION, criterion.name(),
                "meets DPIA criterion: " + criterion.description() + (fields.isEmpty() ? "" : ", through " + fields),
                List.copyOf(fields))));

        Verdict.Risk risk = risk(criteria.keySet());
        boolean violated = findings.stream().anyMatch(finding -> finding.kind() == Finding.Kind.POLICY_VIOLATION);
        boolean toReview = findings.stream().anyMatch(finding -> finding.kind() != Finding.Kind.DPIA_CRITERION);
        Verdict.Status status = violated ? Verdict.Status.REJECTED
                : risk == Verdict.Risk.LOW && !toReview ? Verdict.Status.APPROVED : Verdict.Status.PENDING_REVIEW;

        findings.sort(Comparator.comparing(Finding::kind).thenComparing(Finding::code).thenComparing(Finding::detail));
        Map<String, Integer> versions = new TreeMap<>();
        policies.forEach(policy -> versions.put(policy.policy().key(), policy.version()));
        return new Verdict(status, risk, List.copyOf(new LinkedHashSet<>(findings)), List.copyOf(criteria.keySet()),
                categories, requiredConsents, versions, dataMap.checksum());
    }

    private List<Read> reads(AssessmentInputs inputs, SystemDeclaration system) {
        List<Read> reads = new ArrayList<>();
        for (AssessmentInputs.Expression expression : inputs.expressions()) {
            SortedSet<String> fields;
            try {
                fields = expressionFields.of(expression.text());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(expression.origin() + ": " + e.getMessage(), e);
            }
            fields.forEach(path -> reads.add(new Read(path, expression.origin(), expression.excludes(), false, system.fieldsRead(path))));
        }
        for (AssessmentInputs.ModelUse model : inputs.models()) {
            model.features().forEach(path -> reads.add(new Read(path, "model " + model.name() + " v" + model.version(),
                    false, true, system.fieldsRead(path))));
        }
        return reads;
    }

    private Map<Criterion, SortedSet<String>> criteria(AssessmentInputs inputs, List<Read> reads) {
        Map<Criterion, SortedSet<String>> met = new EnumMap<>(Criterion.class);
        boolean profilingUse = inputs.dataUses().stream()
                .anyMatch(use -> PROFILING_USES.stream().anyMatch(profiling -> Taxonomy.isUnder(use, profiling)));
        SortedSet<String> scoring = paths(reads, read -> (read.model() && read.personal())
                || DERIVED_PROFILES.stream().anyMatch(derived -> Taxonomy.isUnder(read.path(), derived)));
        if (!scoring.isEmpty() || profilingUse) {
            met.put(Criterion.EVALUATION_OR_SCORING, scoring);
        }
        SortedSet<String> significant = paths(reads, read -> read.excludes() && read.inCategory(SIGNIFICANT));
        if (!significant.isEmpty()) {
            met.put(Criterion.AUTOMATED_DECISION_WITH_SIGNIFICANT_EFFECT, significant);
        }
        putIfAny(met, Criterion.SYSTEMATIC_MONITORING, paths(reads, read -> read.inCategory(MONITORING)));
        putIfAny(met, Criterion.SENSITIVE_DATA, paths(reads, read -> read.inCategory(SENSITIVE)));
        boolean excludesAnyone = inputs.expressions().stream().anyMatch(AssessmentInputs.Expression::excludes);
        boolean unlimited = inputs.volumePerDay() == null;
        if ((unlimited && !excludesAnyone) || (!unlimited && inputs.volumePerDay() >= largeScalePerDay)) {
            met.put(Criterion.LARGE_SCALE, new TreeSet<>());
        }
        Set<String> sources = new TreeSet<>();
        reads.stream().filter(Read::personal).flatMap(read -> read.declared().stream())
                .filter(FieldDeclaration::personal).map(FieldDeclaration::source).forEach(sources::add);
        if (sources.size() >= 2) {
            met.put(Criterion.MATCHING_OR_COMBINING, paths(reads, Read::personal));
        }
        putIfAny(met, Criterion.VULNERABLE_SUBJECTS, paths(reads, read -> read.inCategory(List.of("user.childrens"))
                || read.declared().stream().anyMatch(FieldDeclaration::vulnerability)));
        if (inputs.newTechnology()) {
            met.put(Criterion.INNOVATIVE_TECHNOLOGY, new TreeSet<>());
        }
        boolean service = inputs.dataUses().stream().anyMatch(use -> Taxonomy.isUnder(use, "essential.service"));
        if (service && excludesAnyone) {
            met.put(Criterion.PREVENTS_RIGHT_OR_SERVICE, paths(reads, Read::excludes));
        }
        return met;
    }

    /** LOW below two criteria; MEDIUM at two; HIGH at three or more, or with sensitive data and profiling. */
    static Verdict.Risk risk(Set<Criterion> criteria) {
        if (criteria.size() >= 3 || (criteria.contains(Criterion.SENSITIVE_DATA) && criteria.contains(Criterion.EVALUATION_OR_SCORING))) {
            return Verdict.Risk.HIGH;
        }
        if (criteria.size() == 2 || criteria.contains(Criterion.SENSITIVE_DATA) || criteria.contains(Criterion.VULNERABLE_SUBJECTS)) {
            return Verdict.Risk.MEDIUM;
        }
        return Verdict.Risk.LOW;
    }

    private static SortedSet<String> paths(List<Read> reads, Predicate<Read> which) {
        SortedSet<String> paths = new TreeSet<>();
        reads.stream().filter(which).map(Read::path).forEach(paths::add);
        return paths;
    }

    private static void putIfAny(Map<Criterion, SortedSet<String>> met, Criterion criterion, SortedSet<String> fields) {
        if (!fields.isEmpty()) {
            met.put(criterion, fields);
        }
    }
}
