"""The words that find and place place names in a sentence (places/words.yaml): unit words
("province", "city of"), verbs and act nouns whose object is a place, the nouns of facilities and
officials named after their town, compass words, distances and routes."""

from __future__ import annotations

from dataclasses import dataclass

from dyads.knowledge.schema import PlaceWordsFile
from dyads.knowledge.sources import DataSources
from dyads.knowledge.yaml_lines import load_yaml, validated


@dataclass(frozen=True, slots=True)
class PlaceWords:
    adm1: frozenset[str] = frozenset()
    district: frozenset[str] = frozenset()
    region: frozenset[str] = frozenset()
    city: frozenset[str] = frozenset()
    resident: frozenset[str] = frozenset()
    local_office: frozenset[str] = frozenset()
    facility: frozenset[str] = frozenset()
    feature: frozenset[str] = frozenset()
    place_verbs: frozenset[str] = frozenset()
    place_act_nouns: frozenset[str] = frozenset()
    town_part: frozenset[str] = frozenset()
    compass: frozenset[str] = frozenset()
    relation: frozenset[str] = frozenset()
    distance_units: frozenset[str] = frozenset()
    route: frozenset[str] = frozenset()
    header_units: frozenset[str] = frozenset()  # every unit word, and the header's own
    unit_first: frozenset[str] = frozenset()  # every header unit word, and "local", "sub"
    name_particles: frozenset[str] = frozenset()
    arabic_articles: frozenset[str] = frozenset()
    distance_approximators: frozenset[str] = frozenset()  # "SOME 140 km north-east of Isiolo"

    @property
    def divisions(self) -> frozenset[str]:
        """Words that call a name a division: "Sagaing region", "Idlib province"."""
        return self.adm1 | self.district | self.region

    @property
    def units(self) -> frozenset[str]:
        """Every word that calls a name a place: "Tsafe village", "Idlib province"."""
        return self.divisions | self.city

    @property
    def named_after_town(self) -> frozenset[str]:
        """Facilities, residents and local officials named by their town ("the police station of
        Argelia", "residents of Kidal", "the mayor of Guachochi"): there."""
        return self.facility | self.resident | self.local_office


def read_place_words(sources: DataSources) -> PlaceWords:
    raw = validated(PlaceWordsFile, load_yaml(sources.path("places", "words.yaml")), "places/words.yaml")
    units = {*raw.adm1_words, *raw.district_words, *raw.region_words, *raw.city_words}
    header_units = frozenset(units | set(raw.header_unit_words))
    return PlaceWords(
        frozenset(raw.adm1_words), frozenset(raw.district_words), frozenset(raw.region_words),
        frozenset(raw.city_words), frozenset(raw.resident_words), frozenset(raw.local_office_words),
        frozenset(raw.facility_words), frozenset(raw.feature_words), frozenset(raw.place_verbs),
        frozenset(raw.place_act_nouns), frozenset(raw.town_part_words), frozenset(raw.compass_words),
        frozenset(raw.relation_words), frozenset(raw.distance_units), frozenset(raw.route_words),
        header_units, header_units | set(raw.unit_first_words),
        frozenset(raw.name_particles), frozenset(raw.arabic_articles), frozenset(raw.distance_approximators))
