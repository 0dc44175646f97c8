package dev.nextbest.privacy.datamap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataMapLoaderTest {

    @Test
    void everyServicesDataMapFitsTheTaxonomy() {
        DataMap map = DataMapLoader.load(List.of("nba-service", "profile-service", "identity-service", "privacy-service"));
        assertThat(map.systems()).extracting(SystemDeclaration::system)
                .containsExactly("identity-service", "nba-service", "privacy-service", "profile-service");
        SystemDeclaration nba = map.system("nba-service").orElseThrow();
        assertThat(nba.fieldsRead("profile.attributes.age")).singleElement()
                .satisfies(field -> assertThat(field.categories()).containsExactly("user.demographic.age_range"));
        assertThat(nba.fieldsRead("action.attributes.offerType")).as("a path covers what is under it").hasSize(1);
        assertThat(nba.fieldsRead("profile.attributes.shoeSize")).isEmpty();
        assertThat(map.taxonomy().consentPurpose("marketing.advertising.first_party.targeted")).contains("marketing");
        assertThat(map.taxonomy().consentPurpose("essential.service.operations")).isEmpty();
    }

    @Test
    void aTaxonomyKeyWithoutItsParentIsRefused() {
        assertThatThrownBy(() -> new Taxonomy(List.of(new Taxonomy.Term("user.contact.email", "Email", null, null)), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no parent 'user.contact'");
    }

    @Test
    void aDataMapNamingAnUnknownCategoryIsRefused() {
        Taxonomy taxonomy = new Taxonomy(List.of(new Taxonomy.Term("user", "User", null, null)), List.of(), List.of());
        SystemDeclaration system = new SystemDeclaration("nba-service", null, List.of(),
                List.of(new FieldDeclaration("profile.attributes.age", List.of("user.age"), List.of(), "profile-service", false)));
        assertThatThrownBy(() -> new DataMap(taxonomy, List.of(system), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field profile.attributes.age has data category 'user.age', which is not in the taxonomy");
    }
}
