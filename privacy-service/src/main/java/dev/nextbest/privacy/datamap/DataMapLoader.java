package dev.nextbest.privacy.datamap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nextbest.privacy.PrivacyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads the taxonomy and every service's data map from the classpath: privacy-service is built with each
 * service's {@code privacy/datamap.yaml} (the pom copies them to {@code datamap/<service>/}). A data map
 * that names a key the taxonomy lacks stops the service from starting, and fails its tests.
 */
@ApplicationScoped
public class DataMapLoader {

    static final String TAXONOMY = "taxonomy/taxonomy.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private record TaxonomyFile(List<Taxonomy.Term> dataCategories, List<Taxonomy.Term> dataUses,
                                List<Taxonomy.Term> dataSubjects) {
    }

    @Produces
    @ApplicationScoped
    DataMap dataMap(PrivacyConfig config) {
        return load(config.datamap().systems());
    }

    /** @throws IllegalArgumentException when a file is missing or does not fit the taxonomy */
    public static DataMap load(List<String> systems) {
        MessageDigest digest = sha256();
        byte[] taxonomyBytes = read(TAXONOMY);
        digest.update(taxonomyBytes);
        TaxonomyFile file = parse(TAXONOMY, taxonomyBytes, TaxonomyFile.class);
        Taxonomy taxonomy = new Taxonomy(file.dataCategories(), file.dataUses(), file.dataSubjects());
        List<SystemDeclaration> declarations = new ArrayList<>();
        for (String system : systems) {
            String resource = "datamap/" + system + "/datamap.yaml";
            byte[] bytes = read(resource);
            digest.update(bytes);
            SystemDeclaration declaration = parse(resource, bytes, SystemDeclaration.class);
            if (!system.equals(declaration.system())) {
                throw new IllegalArgumentException(resource + " declares system '" + declaration.system()
                        + "', expected '" + system + "'");
            }
            declarations.add(declaration);
        }
        return new DataMap(taxonomy, declarations, HexFormat.of().formatHex(digest.digest()));
    }

    private static byte[] read(String resource) {
        try (InputStream in = DataMapLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T parse(String resource, byte[] bytes, Class<T> type) {
        try {
            return YAML.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
