"""Local conflict events (docs/coding-rules.md, "Local conflict events"): actors no dictionary
names take the country of the place their event happened in; one-sided violence needs no named
attacker."""

import pytest

import dyads
from dyads.api import coder_for
from dyads.model import Article
from dyads.settings import Settings


def coded(text, day="2024-03-01"):
    return [(e.source.code, e.target.code if e.target else None, e.code) for e in dyads.code(text, date=day)]


def test_unidentified_gunmen_and_their_victims_take_the_places_country():
    assert coded("Unidentified gunmen killed three villagers in Kukawa, Borno state, on Sunday.") == [
        ("NGAUAF", "NGACVL", "1823")]
    assert coded("Armed men attacked a police patrol in Celaya, Guanajuato, killing two officers.") == [
        ("MEXUAF", "MEXCOP", "193")]


def test_one_sided_violence_has_an_empty_source():
    assert coded("A man was shot dead in a refugee camp near Nablus on Monday.") == [("", "PSECVL", "1823")]
    assert coded("A roadside bomb exploded near an army convoy in Helmand province on Tuesday.") == [
        ("", "AFGMIL", "1833")]


def test_the_victims_of_a_participle_on_a_joined_verb_are_the_target():
    # the parser makes "fired" the main verb and "struck"/"hit" hang on it
    assert coded("Rockets fired from Gaza struck Sderot on Saturday evening, lightly injuring two people.") == [
        ("", "ISRCVL", "194")]
    assert coded("Shells fired during fighting hit a camp in Sake, North Kivu, on Friday, killing five people."
                 ) == [("", "CODCVL", "194")]


def test_a_crowd_no_one_names_is_civilians_but_a_quantity_of_named_people_is_those_people():
    assert coded("Hundreds protested in Nairobi on Monday.") == [("KENCVL", None, "141")]
    assert coded("Thousands of soldiers attacked rebels in Goma.") == [("CODMIL", "CODREB", "193")]


def test_a_protest_is_against_what_it_demands_not_its_own_members():
    assert coded("The opposition held a rally of about 200 people in Senaki, Samegrelo region, on Saturday, "
                 "demanding the resignation of the government.") == [("GEOOPP", "GEOGOV", "1411")]
    assert coded("Protesters against the government burned tyres and threw stones in Mayisad, Centre "
                 "department, on Monday.") == [("HTICVL", "HTIGOV", "145")]


def test_the_protesters_named_before_are_the_ones_the_police_disperse():
    # the second clause names no place of its own: "the protesters" are the Palestinian ones
    assert ("ISRMIL", "PSECVL", "175") in coded(
        "Palestinian protesters threw stones in Beit Ummar on Friday; Israeli soldiers fired tear gas to "
        "disperse the protesters.")


def test_the_victims_of_a_repression_are_its_target():
    assert ("PERCOP", "PERCVL", "175") in coded(
        "Demonstrators hurled stones in Desaguadero, Puno region, on Thursday. Police responded with tear gas, "
        "injuring four protesters.")


def test_a_place_taken_is_taken_from_its_holders_not_from_its_inhabitants():
    assert coded("Russian troops captured the village of Tetyanivka, Donetsk region, from Ukrainian forces on "
                 "Sunday.") == [("RUSMIL", "UKRMIL", "192")]


def test_a_military_vehicle_is_the_armys():
    assert coded("An IED struck a military vehicle near Mamfe, South-West region, on Tuesday.") == [
        ("", "CMRMIL", "1833")]


def test_a_crowd_gathered_to_demand_is_a_protest():
    assert coded("Residents gathered outside the municipal building in Sanandaj on Monday demanding water.") == [
        ("IRNCVL", None, "141")]


def test_a_protest_the_police_act_against_was_held_by_the_people_they_acted_against():
    assert coded("Police detained 12 demonstrators at a rally in Zugdidi on Tuesday.") == [
        ("GEOCOP", "GEOCVL", "173"), ("GEOCVL", None, "141")]
    assert ("TURCVL", None, "141") in coded("Police used water cannon to break up a rally of about 300 people in "
                                            "Cizre, Sirnak province, on Sunday.")
    assert coded("Iran's president spoke at a rally in Tehran.") == []  # no one acted against it


def test_an_irregular_prefixed_verb_the_lemmatizer_leaves_is_read():
    # spaCy gives "retook" as its own lemma
    assert coded("Soldiers retook the army base in Tessit, Gao region, from jihadists on Thursday.") == [
        ("MLIMIL", "MLIREB", "192")]


def test_fighting_between_two_parties_as_the_subject_is_a_clash_of_both():
    assert sorted(coded("Fighting between the army and the RSF in El Fasher killed 20 civilians.",
                        day="2024-05-01")) == [("SDNMIL", "SDNREB", "190"), ("SDNREB", "SDNMIL", "190")]


def test_protesters_and_the_police_response():
    assert coded("Around 50 people protested in Minsk on Saturday.") == [("BLRCVL", None, "141")]
    assert coded("Police fired tear gas to disperse the protesters in Nairobi.") == [("KENCOP", "KENCVL", "175")]
    # parsed "[50 people] (who were) protested": the participle on the root noun is the verb, not a passive
    assert coded("Around 50 people protested in Skidel, Hrodna region, on Sunday against the government.") == [
        ("BLRCVL", "BLRGOV", "141")]


def test_no_place_no_country_no_actor():
    assert coded("Police arrested two men on Monday.") == []
    # a place of another clause does not anchor: the soldiers are Israel's, not Lebanon's
    found = coded("Israel called up thousands of reserve soldiers on Friday as its cabinet weighed a "
                  "ground offensive in southern Lebanon.", day="2006-07-28")
    assert ("ISR", None, "154") in found and not any(s.startswith("LBN") for s, _, _ in found)


def test_a_named_group_is_not_an_unnamed_role():
    found = coded("The Basque separatist group ETA claimed responsibility on Sunday for the bombing.",
                  day="1995-08-01")
    assert found and all(s.startswith("ESP") for s, _, _ in found)


def test_the_dateline_anchors_a_sentence_without_a_place():
    text = "KIDAL, Mali (Reuters) - Gunmen killed four soldiers on Tuesday, the army said."
    assert ("MLIUAF", "MLIMIL", "1823") in coded(text)


@pytest.mark.parametrize("text", [
    "A man was shot dead in a refugee camp near Nablus on Monday.",
    "Unidentified gunmen killed three villagers in Kukawa, Borno state, on Sunday.",
])
def test_the_fast_path_keeps_sentences_with_only_unnamed_actors(text):
    article = Article(doc_id="x", text=text)
    fast = coder_for().code([article])
    slow = coder_for(Settings.without_fast_path()).code([article])
    assert [e.to_dict() for a in fast for e in a.events] == [e.to_dict() for a in slow for e in a.events] != []


def test_violence_naming_no_one_takes_the_place_of_any_clause_of_its_sentence():
    assert ("BRACOP", "BRACVL", "173") in coded(
        "Police arrested 14 people after residents looted shops in Buerarema, Bahia, on Saturday.")


def test_a_role_owned_by_a_pronoun_is_not_the_places():
    # "its cabinet" is Israel's (ISRGOV, the named subject above it), whatever the clause's place
    assert all(s.startswith("ISR") for s, _, _ in coded(
        "Israel called up thousands of reserve soldiers on Friday as its cabinet weighed a ground "
        "offensive in southern Lebanon.", day="2006-07-28"))


def test_event_notes_name_the_division_in_parentheses():
    # the event-note style "Town (District, Region)": the division places the town, a district the
    # gazetteer lacks is no village elsewhere
    [event] = dyads.code("On 5 March 2020, police arrested 7 suspected Maoist rebels in Sukma (Chhattisgarh).",
                         date="2020-03-06")
    assert (event.source.code, event.code, event.place.name) == ("INDCOP", "173", "Sukma, India")
    [event] = dyads.code("On 22 September 2020, armed men shot dead four men at a house in Cotija (Michoacan). "
                         "4 fatalities.", date="2020-09-23")
    assert (event.source.code, event.target.code, event.place.country) == ("MEXUAF", "MEXCVL", "MEX")
    [event] = dyads.code("On 11 June, gunmen attacked a site near Dori (Seno, Sahel).", date="2021-06-12")
    assert event.place.country == "BFA" and event.source.code == "BFAUAF"


def test_a_small_place_whose_name_has_one_meaning_needs_no_country():
    [event] = dyads.code("Police arrested 15 people in Mpeketoni on Wednesday during a security operation.",
                         date="2019-05-02")
    assert (event.source.code, event.target.code, event.place.name) == ("KENCOP", "KENCVL", "Mpeketoni, Kenya")
    # a name that is also a region's, or spelt otherwise, is not the village
    assert coded("Protesters marched in Chechnya on Monday.") == [("RUSCVL", None, "141")]
    assert coded("Gunmen attacked a police post in Korea on Monday.") == []
    # an acronym is no town its letters spell ("Un", a town of India)
    [event] = dyads.code("A rocket hit a UN base in southern Lebanon on Monday.", date="2006-07-25")
    assert event.place.country == "LBN"


def test_the_agent_nouns_of_translated_press_and_communiques():
    assert coded("Youths burned tyres and blocked roads in Shashamane on Tuesday.", day="2020-07-01")[0][:2] == (
        "ETHCVL", None)
    assert coded("Armed individuals murdered four persons inside a dwelling in Trujillo, Colon.",
                 day="2021-02-01") == [("HNDUAF", "HNDCVL", "1823")]
    # "Elements of the Army and of the State Police": the elements are those forces
    assert sorted(coded("Elements of the Army and of the State Police arrested three suspects in the community "
                        "of Pozo de Gamboa, Zacatecas.", day="2021-02-01")) == [
        ("MEXCOP", "MEXCVL", "173"), ("MEXMIL", "MEXCVL", "173")]
    assert coded("The Defence and Security Forces arrested twelve suspects in the locality of Ouallam.",
                 day="2021-02-01") == [("NERMIL", "NERCVL", "173")]


def test_separatists_are_their_own_role():
    assert sorted(coded("On 18 June 2017, Ukrainian forces and separatist forces exchanged fire near Marinka "
                        "(Donetsk).", day="2017-06-19")) == [("UKRMIL", "UKRSEP", "190"), ("UKRSEP", "UKRMIL", "190")]


def test_a_fight_named_by_a_noun():
    # "During a clash with X, Y ...": Y's clash; "a confrontation between X and Y"
    found = coded("During a clash with rebels near Gao on Monday, Malian soldiers killed seven fighters.",
                  day="2022-06-06")
    assert ("MLIMIL", "MLIREB", "190") in found and ("MLIREB", "MLIMIL", "190") in found
    assert sorted(coded("A confrontation between police and armed men in Celaya, Guanajuato, left two dead.",
                        day="2022-06-06")) == [("MEXCOP", "MEXUAF", "190"), ("MEXUAF", "MEXCOP", "190")]
    # the ministers were not in the clash they met after
    assert coded("The ministers met in Bamako after a clash with rebels near Gao.", day="2022-06-06") == []


def test_bodies_found_are_a_killing_by_no_one_named():
    [event] = dyads.code("The bodies of five men were found with signs of execution in a wooded area of Japeri, "
                         "the Military Police informed.", date="2022-06-06")
    assert (event.source.code, event.target.code, event.code, event.fatalities.low) == ("", "BRACVL", "1823", 5)
    # who found them did not kill them
    assert coded("Police found the body of a woman in Celaya, Guanajuato, on Monday.") == [("", "MEXCVL", "1823")]


def test_violence_among_people_of_one_kind_keeps_its_victim():
    found = dyads.code("In Muramvya, a man was beaten to death by a group of youths.", date="2022-06-06")
    assert [(e.source.code, e.target.code, e.code, e.fatalities.low) for e in found] == [
        ("BDICVL", "BDICVL", "1823", 1)]
    # but villagers clashing with villagers of one place make no dyad
    assert coded("Villagers clashed with villagers in Bura, Tana River county, on Thursday.") == [
        ("KENCVL", None, "190")]


def test_firing_to_disperse_is_the_dispersal_with_its_toll():
    found = dyads.code("In Ndhiwa, police fired live rounds to disperse protesters, killing one.", date="2022-06-06")
    assert [(e.source.code, e.target.code, e.code, e.fatalities.low) for e in found] == [
        ("KENCOP", "KENCVL", "175", 1)]


def test_the_death_of_a_woman_counts_one():
    [event] = dyads.code("The Houthi militia shelled residential neighbourhoods of Taiz with mortar shells, which "
                         "caused the death of a woman and the injury of three children.", date="2022-06-06")
    assert (event.fatalities.low, event.injured.low) == (1, 3)


def test_a_post_named_after_its_town_places_the_event():
    assert coded("Armed individuals attacked the gendarmerie brigade of Ansongo in the night from Sunday to "
                 "Monday.", day="2022-06-06") == [("MLIUAF", "MLICOP", "193")]


def test_supporters_of_a_party_are_its_people():
    assert coded("Hundreds of supporters of the opposition marched in the town of Marrupa on Thursday.",
                 day="2022-06-06")[0][:2] == ("MOZOPP", None)


def test_a_gathering_that_demands_is_a_protest():
    assert coded("Protesters gathered in Khartoum demanding civilian rule.", day="2022-06-06") == [
        ("SDNCVL", None, "141")]
    # calling for calm is no protest (an appeal for calm, by Khartoum's leaders, at most)
    assert not [c for _, _, c in coded("Leaders gathered in Khartoum, calling for calm.", day="2022-06-06")
                if c.startswith("14")]


def test_a_capitalised_plural_role_is_the_role():
    assert coded("Suspected Maoists killed a villager near Antagarh on Monday.", day="2022-06-06") == [
        ("INDREB", "INDCVL", "1823")]


def test_a_killing_in_a_raid_is_the_raid():
    # armed victims: the raid's attack (193); civilians killed in one stay a killing (the toll decides)
    assert coded("Troops killed two militants in a raid near Rafah, North Sinai, on Monday.", day="2022-06-06") == [
        ("EGYMIL", "EGYREB", "193")]
    assert coded("Gunmen killed three villagers in a raid on a village near Kajuru, Kaduna State.",
                 day="2022-06-06") == [("NGAUAF", "NGACVL", "1823")]


def test_a_weapon_no_one_is_named_for_is_no_ones():
    # a bare drone or artillery is someone's, but the place does not say whose: no attacker named
    assert coded("A drone hit a pickup truck near Marib on Tuesday, killing two passengers.",
                 day="2022-06-06") == [("", "YEMCVL", "195")]
    assert coded("Artillery fire hit the outskirts of Kafr Nabl, Idlib province, wounding a woman.",
                 day="2022-06-06") == [("", "SYRCVL", "194")]
    # with a country of its own, or fired by someone named, it is theirs
    assert coded("A Turkish drone hit a car near Qamishli on Tuesday, killing two men.", day="2022-06-06")[0][0] == (
        "TURMIL")
    # (artillery is 194, the coding rules' code for shelling, whatever it killed)
    assert ("EGYMIL", "EGYCVL", "194") in coded(
        "In Arish, an artillery shell fired by the army killed a boy on Friday.", day="2022-06-06")
    # listed with troops, tanks are those troops'
    assert coded("Ethiopian troops and tanks overran the town of Humera on Tuesday.",
                 day="2022-06-06")[0][0] == "ETHMIL"


def test_the_victims_named_after_an_act_that_named_none_are_its_victims():
    found = dyads.code("A drone struck a car on the road outside Lawdar on Monday. Local sources said three "
                       "people inside were killed.", date="2022-06-06")
    assert [(e.source.code, e.target.code, e.code, e.fatalities.low) for e in found] == [
        ("", "YEMCVL", "195", 3)]


def test_armed_groups_no_one_names_are_unidentified_armed_forces():
    # "non-state armed groups" (written with a hyphen: three tokens) and militias are UAF
    assert coded("Non-state armed groups attacked a gendarmerie post near Djibo on Sunday.",
                 day="2022-06-06")[0][:2] == ("BFAUAF", "BFACOP")
    assert coded("Militiamen attacked a village near Bunia, Ituri province, killing six civilians.",
                 day="2022-06-06")[0][:2] == ("CODUAF", "CODCVL")
    assert coded("Two passers-by were shot dead in Tumaco on Friday.", day="2022-06-06") == [("", "COLCVL", "1823")]


def test_rioters_are_civilians():
    assert coded("Rioters torched a bank in Grenoble overnight.", day="2022-06-06") == [("FRACVL", None, "145")]


def test_a_police_response_that_names_no_one_is_to_the_protest_before_it():
    assert coded("Protesters stormed the town hall in Kindia. Police fired tear gas.", day="2022-06-06") == [
        ("GINCVL", None, "145"), ("GINCOP", "GINCVL", "175")]
    assert ("GINCOP", "GINEDU", "175") in coded("Students marched in Kankan on Monday. Police dispersed them with "
                                                "tear gas.", day="2022-06-06")
    assert ("GINCOP", "GINCVL", "173") in coded("Demonstrators burned tyres in Labe; the gendarmerie carried out "
                                                "12 arrests.", day="2022-06-06")
    # no protest before: no one to respond to
    assert coded("Police fired tear gas in Conakry on Monday.", day="2022-06-06") == [("GINCOP", None, "175")]


def test_a_protest_is_not_against_who_is_in_what_it_asks_for():
    # more patrols, troops withdrawn, protection from attacks: no one is protested against
    assert coded("Residents marched in Garissa on Monday demanding more police patrols.",
                 day="2022-06-06")[0] == ("KENCVL", None, "141")
    assert coded("Villagers rallied in Malakal on Friday to demand protection against militia raids.",
                 day="2022-06-06")[0] == ("SSDCVL", None, "141")
    # whose resignation, or who is to act, is whom it is against
    assert coded("Hundreds marched in Ouahigouya on Friday demanding the dismissal of the governor.",
                 day="2022-06-06")[0][:2] == ("BFACVL", "BFAGOV")


def test_positions_and_camps_are_their_holders():
    assert coded("Russian troops shelled Ukrainian positions near Kupiansk on Monday.", day="2022-06-06") == [
        ("RUSMIL", "UKRMIL", "194")]
    assert coded("Troops overran a rebel camp near Kidal on Sunday.", day="2022-06-06")[0][:2] == ("MLIMIL", "MLIREB")
    # the side named with bare positions holds them; a position in the singular is a stance
    assert coded("Government forces shelled rebel positions near Idlib.", day="2022-06-06") == [
        ("SYRMIL", "SYRREB", "194")]
    assert "SRBMIL" not in {code for event in coded("Moscow backed Belgrade's position on Kosovo.") for code in event}


def test_traders_are_the_places_business_people_but_a_bank_is_property():
    assert coded("Shopkeepers in Quetta held a protest rally on Monday against power cuts.",
                 day="2022-06-06") == [("PAKBUS", None, "141")]
    assert coded("Protesters set fire to a bank in Zahedan on Friday.", day="2022-06-06") == [("IRNCVL", None, "145")]


def test_an_authority_named_by_its_jurisdiction_takes_its_country():
    assert coded("The Kaduna state government imposed a curfew on Tuesday after days of violence.",
                 day="2022-06-06") == [("NGAGOV", None, "1723")]
    assert coded("The Borno state police arrested five suspects on Monday.", day="2022-06-06") == [
        ("NGACOP", "NGACVL", "173")]
    assert coded("The government imposed a curfew on Tuesday.", day="2022-06-06") == []


def test_a_bomb_is_against_what_it_was_aimed_at():
    assert coded("A sticky bomb attached to an army truck exploded in Khost on Sunday.", day="2022-06-06") == [
        ("", "AFGMIL", "183")]
    assert coded("A roadside bomb exploded targeting a convoy of the Federal Police near Tikrit on Monday.",
                 day="2022-06-06") == [("", "IRQCOP", "1833")]


def test_people_found_shot_dead_are_the_victims_not_the_shooters():
    assert coded("Two farmers were found hacked to death near Jos, Plateau state, on Monday.", day="2022-06-06") == [
        ("", "NGAAGR", "1823")]
    assert coded("A family was found shot dead in a house in Culiacan, Sinaloa.", day="2022-06-06") == [
        ("", "MEXCVL", "1823")]


def test_a_strike_by_someone_named_is_theirs():
    found = dyads.code("An airstrike by the army hit a market near Lashio on Monday, killing two vendors.",
                       date="2022-06-06")
    assert [(e.source.code, e.target.code, e.code, e.fatalities.low) for e in found] == [
        ("MMRMIL", "MMRBUS", "195", 2)]


def test_a_capitals_name_before_a_division_word_is_the_division():
    # Juba is South Sudan's capital; Lower Juba a region of Somalia
    assert coded("Gunmen ambushed an army convoy near Afmadow in Lower Juba region on Monday.",
                 day="2022-06-06") == [("SOMUAF", "SOMMIL", "193")]
    assert coded("Neighbours in Cariaco, Sucre state, marched on Monday.", day="2022-06-06") == [
        ("VENCVL", None, "141")]


def test_protesters_who_gather_protest():
    assert coded("About 300 protesters gathered in Kassala on Monday calling for an end to military rule.",
                 day="2022-06-06")[0][::2] == ("SDNCVL", "1414")


def test_a_town_the_report_calls_a_town_is_placed_by_its_unique_name():
    # "through" says nothing of where; "the town of" does, and no other place is called Marrupa
    [event] = dyads.code("Supporters of the opposition marched through the town of Marrupa on Friday.",
                         date="2022-06-06")
    assert (event.source.code, event.place.geonames_id) == ("MOZOPP", 1040370)


def test_a_clash_with_police_during_a_protest_is_a_riot():
    assert coded("Students clashed with police in Chittagong during a protest on Monday.", day="2022-06-06") == [
        ("BGDEDU", None, "145")]
    # with no protest named, a clash is a fight both ways
    assert ("BGDEDU", "BGDCOP", "190") in coded("Students clashed with police in Chittagong on Monday.",
                                                day="2022-06-06")


def test_brazils_military_police_are_police():
    assert ("BRACOP", "BRACVL", "175") in coded(
        "Residents blocked an avenue in Nova Iguacu; the Military Police fired tear gas to disperse the crowd.",
        day="2022-06-06")


def test_farc_dissidents_are_an_armed_group_not_the_party():
    assert coded("FARC dissidents ambushed an army patrol near Tumaco on Sunday.", day="2022-06-06")[0][:2] == (
        "COLREB", "COLMIL")


def test_a_fight_between_two_sides_the_parser_folds_into_one_phrase_has_both():
    # parsed "[the Sudanese army and militia] fighters": the army is one side, the fighters the other
    events = coded("Fierce clashes between the Sudanese army and militia fighters were reported in Kadugli "
                   "on Friday.", day="2022-06-06")
    assert ("SDNMIL", "SDNREB", "190") in events and ("SDNREB", "SDNMIL", "190") in events
    # the "between" phrase hung on the verb that reports the fight; a capitalised "National" in a
    # force's name is no "nationals" of its own (a national guard is police, as the local writers code it)
    events = coded("Heavy fighting was reported between the Malian National Guard and armed groups near Niono "
                   "on Sunday.", day="2022-06-06")
    assert events[0][2] == "190" and {events[0][0], events[0][1]} == {"MLICOP", "MLIREB"}


def test_the_dead_of_a_clash_are_a_side_of_it_not_victims_of_no_one():
    events = coded("Three policemen were killed in clashes with gunmen in Gusau, Zamfara state, on Monday.",
                   day="2022-06-06")
    assert ("NGACOP", "NGAUAF", "190") in events and ("NGAUAF", "NGACOP", "190") in events
    assert not [e for e in events if e[0] == ""]


def test_violence_in_a_sentence_that_names_no_actor_is_coded():
    # the coder, not only `dyads explain`, sees a sentence with no actor in it
    [event] = dyads.code("An explosive device went off near the bus station of Kidal on Monday.", date="2023-03-01")
    assert (event.source.code, event.target, event.code, event.place.country) == ("", None, "183", "MLI")
    # a violent act named by a noun, reported with no one behind it
    [event] = dyads.code("Shelling was reported in Horlivka on Sunday.", date="2023-03-01")
    assert (event.source.code, event.code, event.place.country) == ("", "194", "UKR")
    # but an act whose attacker the sentence names is that attacker's, once
    assert coded("A roadside bomb planted by insurgents killed three soldiers in Helmand on Tuesday.",
                 day="2010-06-01") == [("AFGREB", "AFGMIL", "1833")]


def test_the_weapon_that_kills_names_the_act():
    assert coded("An artillery shell fired by the army killed two children in Kyaukme, Shan State.",
                 day="2023-03-01") == [("MMRMIL", "MMRCVL", "194")]
    assert coded("Two men were wounded by a mortar round in Gao on Sunday.", day="2023-03-01") == [
        ("", "MLICVL", "194")]
    # the country whose shelling it was acts by its forces, once
    assert coded("In Kherson, a man was killed by Russian shelling.", day="2023-03-01") == [
        ("RUSMIL", "UKRCVL", "194")]


def test_a_small_place_spelled_otherwise_than_the_gazetteer_is_found():
    # "Stanytsya-Luhanska" in GeoNames; a transliteration of the name, not another name
    [event] = dyads.code("Shelling was reported in Stanytsia Luhanska on Sunday.", date="2023-03-01")
    assert event.place.geonames_id == 692953


def test_a_second_event_at_a_place_of_its_own_is_not_the_first_ones_toll():
    # a closing line that names another place reports another event, not the toll of the first
    events = dyads.code("Gunmen shot dead a trader in Ampatuan, Maguindanao, on Friday. In Maimbung, Sulu, a "
                        "fisherman was hacked to death.", date="2022-06-06")
    assert [(e.source.code, e.target.code, e.place.name) for e in events] == [
        ("PHLUAF", "PHLBUS", "Ampatuan, Philippines"), ("", "PHLCVL", "Maimbung, Philippines")]
    # but "Three militants were killed." with no place of its own is the clash's toll
    events = coded("Soldiers clashed with militants in Patikul on Monday. Three militants were killed.",
                   day="2022-06-06")
    assert sorted(events) == [("PHLMIL", "PHLREB", "190"), ("PHLREB", "PHLMIL", "190")]


def test_a_fronted_place_the_tagger_misreads_still_places_its_event():
    # "Nzerekore" parsed as an adverb after "In"
    events = dyads.code("Youths burned tyres in Kankan on Thursday. In Nzerekore, gendarmes fired tear gas to "
                        "disperse demonstrators.", date="2022-06-06")
    assert [e.place.geonames_id for e in events if e.code == "175"] == [2416969]


def test_the_crowds_and_local_officials_of_local_press_are_actors():
    assert coded("In Wana, tribesmen staged a sit-in on Monday.", day="2022-06-06") == [("PAKCVL", None, "141")]
    assert coded("A local administrator was abducted in Gambella on Sunday.", day="2022-06-06") == [
        ("", "ETHGOV", "181")]


def test_an_event_at_a_name_that_is_a_division_and_its_town_is_at_the_town():
    [event] = dyads.code("In Muramvya, a man was beaten to death by a group of youths on Sunday.", date="2022-06-06")
    assert (event.place.type, event.place.geonames_id) == ("city", 425551)
    # a division called one stays the division
    [event] = dyads.code("Gunmen killed two farmers in Muramvya province on Sunday.", date="2022-06-06")
    assert event.place.type == "adm1"


def test_what_police_resort_to_and_a_protest_they_fire_at_are_coded():
    assert ("INDCOP", "INDCVL", "175") in coded(
        "Villagers blocked the highway in Rampur on Monday; police resorted to a baton charge.", day="2022-06-06")
    # a demonstration named as the frame of the firing was held, by the people fired at
    assert ("PSECVL", None, "141") in coded(
        "During a demonstration in Nilin on Friday, Israeli soldiers fired rubber bullets at protesters.",
        day="2022-06-06")


def test_troops_entering_a_town_held_by_others_take_it_from_them():
    assert coded("Government troops entered the town of Kafr Nabl, held by rebel groups, on Sunday.",
                 day="2019-06-06") == [("SYRMIL", "SYRREB", "192")]


def test_a_report_of_no_event_is_scored_right_when_the_coder_keeps_silent():
    from dyads.evaluation.local import LocalReport, score_report
    empty = LocalReport("x1", "No attack has been recorded in the town since Monday.", None, "battle", (), "x")
    assert score_report(empty, [])["counts"]["found"] == 1
    assert score_report(empty, [])["perfect"]
    [event] = dyads.code("Gunmen killed two farmers in Tsafe, Zamfara state, on Sunday.", date="2022-06-06")
    assert score_report(empty, [event])["counts"]["found"] == 0


def test_violence_around_polio_teams_and_football_matches_is_coded():
    # the pack discards sentences naming them (health news, sports results); local violence is about them
    assert coded("Police in Bannu said they had arrested three men suspected of attacking a polio team.",
                 day="2022-06-06")[0][:2] == ("PAKCOP", "PAKCVL")
    assert coded("Youths rioted in Kitwe after a football match on Sunday.", day="2022-06-06") == [
        ("ZMBCVL", None, "145")]


def test_an_act_noun_by_no_one_is_coded_only_where_its_verb_says_it_happened():
    [event] = dyads.code("An explosion occurred near the market in Gao on Sunday.", date="2022-06-06")
    assert (event.source.code, event.code) == ("", "183")
    # the subject of a comment is its topic, not an act by no one named
    assert not [e for e in dyads.code("The bombing in Gao was condemned by the United Nations on Sunday.",
                                      date="2022-06-06") if e.source.code == ""]


def test_riots_by_any_crowd_of_the_place_and_the_police_response_to_them():
    events = coded("Inmates of the prison of Bauru set fire to mattresses on Sunday; the military police "
                   "contained the riot with rubber bullets.", day="2022-06-06")
    assert ("BRACVL", None, "145") in events and ("BRACOP", "BRACVL", "175") in events
    events = coded("Inhabitants of the municipal seat of Suarez set fire to the town hall on Monday, and the "
                   "forces of order had to intervene with tear gas.", day="2022-06-06")
    assert ("COLCVL", None, "145") in events and ("COLCOP", "COLCVL", "175") in events


def test_vigilantes_are_armed_men_no_one_names():
    assert coded("Vigilantes beat to death a suspected thief in Funtua, Katsina state, on Thursday.",
                 day="2022-06-06")[0][::2] == ("NGAUAF", "1823")


def test_a_criminal_only_suspected_is_a_civilian():
    assert coded("Police arrested three suspected kidnappers in Kaduna on Monday.", day="2022-06-06") == [
        ("NGACOP", "NGACVL", "173")]
    assert coded("Police arrested three kidnappers in Kaduna on Monday.", day="2022-06-06") == [
        ("NGACOP", "NGACRM", "173")]


def test_suspected_criminals_who_act_are_criminals():
    assert coded("Suspected kidnappers abducted six farmers in Birnin Gwari on Monday.", day="2022-06-06") == [
        ("NGACRM", "NGAAGR", "181")]
    assert coded("Six farmers were abducted by alleged bandits in Birnin Gwari on Monday.", day="2022-06-06") == [
        ("NGACRM", "NGAAGR", "181")]


def test_curfews_decreed_or_placed_on_a_town_are_imposed():
    assert coded("The mayor of Tumaco decreed a curfew on Friday.") == [("COLGOV", None, "1723")]
    assert coded("Authorities in Jos placed the city under a 24-hour curfew on Sunday.") == [("NGAGOV", None, "1723")]


def test_houses_torched_by_armed_men_are_property_destroyed():
    assert coded("Soldiers torched several homes in Hpakant on Monday.") == [("MMRMIL", None, "1712")]
    # a crowd that burns them riots
    assert coded("A mob burned two houses in Hpakant on Monday.")[0][2][:3] == "145"


def test_the_attackers_and_victims_local_reports_name_by_role():
    # an attacker no one names is one of the unidentified armed men, however it attacks
    assert coded("A suicide bomber blew himself up at a market in Konduga on Friday, killing five people.") == [
        ("NGAUAF", "NGACVL", "1831")]
    # a leader of no state office is a civilian
    assert coded("Gunmen shot dead a community leader in Tumaco on Sunday.") == [("COLUAF", "COLCVL", "1823")]
    # a unit sent across the front is its country's forces
    assert ("UKRMIL", "RUSMIL", "190") in coded("Ukrainian troops clashed with a Russian sabotage group near Sumy.")
    # the UN's missions by their acronyms
    assert coded("A roadside bomb hit a MINUSMA convoy near Kidal on Monday.") == [("", "IGOUNO", "1833")]


def test_an_authority_that_acts_on_the_town_named_before_acts_there():
    text = ("Gunmen killed three farmers in Jibia on Sunday. The Katsina state government then placed the town "
            "under a curfew.")
    curfew = next(e for e in dyads.code(text, date="2022-06-06") if e.code == "1723")
    assert (curfew.source.code, curfew.place.name, curfew.place.method) == ("NGAGOV", "Jibia, Nigeria", "previous")
    # a curfew of its own: the state's
    text = "Gunmen killed three farmers in Jibia on Sunday. The Katsina state government imposed a curfew on Monday."
    curfew = next(e for e in dyads.code(text, date="2022-06-06") if e.code == "1723")
    assert curfew.place.type == "adm1"


def test_a_killing_in_a_clash_is_the_fight_both_ways():
    assert sorted(coded("Soldiers killed four rebels in a clash near Rutshuru on Monday.")) == [
        ("CODMIL", "CODREB", "190"), ("CODREB", "CODMIL", "190")]
    # no one named is no side: the dead of an unnamed fight are its victims, never a source
    events = dyads.code("Two soldiers were killed in clashes near Rutshuru on Monday.", date="2024-03-01")
    assert events and all(e.target is not None and e.target.code for e in events)


def test_a_town_seized_after_an_exchange_of_fire_is_taken_from_the_side_fought():
    found = coded("Rebels seized the town of Rutshuru on Monday after an exchange of fire with troops.")
    assert ("CODREB", "CODMIL", "192") in found and ("CODMIL", "CODREB", "190") in found


def test_people_forced_to_abandon_their_homes_are_expelled():
    assert coded("Gunmen forced dozens of villagers to flee their homes near Kajuru on Monday.") == [
        ("NGAUAF", "NGACVL", "201")]


def test_an_attack_that_sparks_a_fight_is_the_fight_both_ways():
    # "sparking an exchange of fire": the attackers and the attacked fought (190 both ways), the
    # attack is not also coded as one-sided (193); its toll is the fight's
    ambush = [e for e in dyads.code("Armed men ambushed a police convoy near Mpeketoni on Monday, sparking an "
                                    "exchange of fire. Two officers were killed.", date="2023-04-03")]
    assert sorted((e.source.code, e.target.code, e.code) for e in ambush) == [
        ("KENCOP", "KENUAF", "190"), ("KENUAF", "KENCOP", "190")]
    assert {e.fatalities.low for e in ambush} == {2}
    # the "with" phrase names the other side
    assert sorted(coded("Militants attacked an army post in Sebba on Friday, triggering a gunfight with soldiers "
                        "that lasted two hours.")) == [("BFAMIL", "BFAREB", "190"), ("BFAREB", "BFAMIL", "190")]
    # what sparks no fight leaves the attack as it is
    assert coded("Gunmen raided a village near Sebba on Friday, sparking panic among residents.") == [
        ("BFAUAF", "BFACVL", "193")]


def test_the_local_presss_words_for_peasants_self_defence_groups_and_hooded_men_are_actors():
    # Andean comuneros and campesinos are peasants (AGR); a community self-defence group is
    # vigilantes (UAF), as are hooded men no one names; setting fire to trucks is arson (1712)
    assert coded("Hundreds of comuneros marched through Yanaoca on Thursday.") == [("PERAGR", None, "141")]
    assert coded("Campesinos blocked a road near Yanaoca on Monday.") == [("PERAGR", None, "144")]
    assert coded("Members of a self-defence group abducted two traders near Aguililla on Tuesday.") == [
        ("MEXUAF", "MEXBUS", "181")]
    assert coded("Hooded men set fire to two trucks in Purén on Tuesday.") == [("CHLUAF", None, "1712")]
    # a crowd that sets fire to a police station still riots (the station is not its target)
    assert coded("Protesters set fire to a police station in Sebba on Thursday.") == [("BFACVL", None, "145")]


def test_border_guards_are_armed_forces_and_border_police_are_police():
    assert sorted(coded("Armenian and Azerbaijani border guards exchanged fire near Tegh on Monday.",
                        day="2021-11-16")) == [("ARMMIL", "AZEMIL", "190"), ("AZEMIL", "ARMMIL", "190")]
    assert [s for s, _, _ in coded("Pakistani border police arrested 12 smugglers near Torkham on Monday.",
                                   day="2021-11-16")] == ["PAKCOP"]


def test_a_participle_happens_where_its_verb_does():
    # "chanting slogans against Lukashenko" is the march through Pinsk: its marchers are Belarus's,
    # though the person it is against is named
    assert ("BLRCVL", "BLRGOV", "141") in coded(
        "About 200 people marched through Pinsk chanting slogans against Lukashenko; police detained 12 of them.",
        "2021-03-27")


@pytest.mark.parametrize(("text", "expected"), [
    # the police or the army using force on the people of a protest is repression, whatever the verb
    ("Hundreds of people protested in Zahedan on Friday. Security forces fired at protesters, wounding six.",
     ("IRNCOP", "IRNCVL", "175")),
    ("Residents marched in Kisii on Monday. Soldiers opened fire on the crowd, killing three.",
     ("KENMIL", "KENCVL", "175")),
    ("Police shot dead two demonstrators in Kisumu on Tuesday.", ("KENCOP", "KENCVL", "175")),
    # the South Asian press's baton charge, and a response "with tear gas" told by "replied"
    ("Residents blocked the main road in Multan on Monday; police baton-charged the crowd.",
     ("PAKCOP", "PAKCVL", "175")),
    ("Youths threw stones at a police post in Kasserine overnight; the police replied with tear gas.",
     ("TUNCOP", "TUNCVL", "175")),
])
def test_force_on_protesters_is_repression(text, expected):
    assert expected in coded(text)


def test_force_on_people_who_are_not_protesting_keeps_its_code():
    assert coded("Soldiers shot dead two farmers in Kisumu on Tuesday.") == [("KENMIL", "KENAGR", "1823")]
    assert coded("Gunmen shot dead two protesters in Kisumu on Tuesday.") == [("KENUAF", "KENCVL", "1823")]


def test_fishermen_are_civilians_of_their_place():
    # docs/coding-rules.md, "Victims": both blind local writers coded fishermen CVL, not AGR
    assert coded("Gunmen abducted three fishermen near Maimbung, Sulu, on Friday.") == [("PHLUAF", "PHLCVL", "181")]
    assert coded("Around 200 fishermen protested in Ormara on Monday.") == [("PAKCVL", None, "141")]


def test_missiles_fired_from_the_air_at_a_place_are_an_air_strike_whose_dead_are_its_victims():
    # "fired missiles" alone is a weapons test (150); from a drone or an aircraft, at something, a strike
    assert coded("A US drone fired two missiles at a house near Bannu on Monday, killing three militants.") == [
        ("USAMIL", "PAKREB", "195")]
    assert coded("North Korea fired two missiles into the sea on Monday.") == [("PRK", None, "150")]


def test_roads_into_a_town_sealed_off_are_a_blockade():
    assert coded("Security forces sealed off the roads into Saravan on Friday, residents said.") == [
        ("IRNCOP", "IRNCVL", "191")]  # the town's people (test_a_blockaded_town_is_its_people)
    assert coded("Police sealed off the area around the blast site in Saravan.") == []


def test_cattle_raiders_are_criminals():
    # two blind local writers: bandits, gangs and cattle raiders are CRM (Phoenix's RAIDER is REB)
    assert coded("Armed cattle raiders killed six herders near Yirol, Lakes State, on Sunday.", "2022-03-04") == [
        ("SSDCRM", "SSDAGR", "1823")]


def test_an_incident_log_header_places_its_note():
    # "Region - Town:", "Region | Town:", a date before, a unit word after: the most specific name
    # is the note's place, and its role nouns take its country
    [event] = dyads.code("Kano - Bebeji LGA: police arrested 4 suspected kidnappers at a checkpoint.",
                         date="2022-03-01")
    assert (event.source.code, event.code, event.place.name) == ("NGACOP", "173", "Bebeji, Nigeria")
    [event] = dyads.code("Guerrero | Tlapa: gunmen shot dead two civilians on the main avenue.", date="2022-03-01")
    assert (event.source.code, event.target.code, event.place.country) == ("MEXUAF", "MEXCVL", "MEX")
    events = dyads.code("03/04/2023 - Kunar - Asadabad: gunmen attacked a checkpoint of the police.",
                        date="2023-04-03")
    assert [(e.source.code, e.place.name) for e in events] == [("AFGUAF", "Asadābād, Afghanistan")]
    # a colon after words that are no places is no header
    assert coded("Police - the spokesman said: gunmen attacked a checkpoint.") == []


def test_the_sahel_armies_acronym_is_the_places_army():
    # "FDS" is what Burkina Faso's and Niger's armies both go by: a role noun, like "soldiers"
    assert coded("Gunmen attacked an FDS position near Dori, Sahel region, on Monday.") == [
        ("BFAUAF", "BFAMIL", "193")]
    assert coded("Gunmen attacked an FDS position near Ayorou, Tillabéri region, on Monday.") == [
        ("NERUAF", "NERMIL", "193")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen ambushed an army patrol near Ayorou, Tillabéri region, on Monday; the soldiers returned fire.",
     {("NERUAF", "NERMIL", "190"), ("NERMIL", "NERUAF", "190")}),
    ("Ukrainian troops repulsed an attack by Russian forces near Kupiansk on Monday.",
     {("UKRMIL", "RUSMIL", "190"), ("RUSMIL", "UKRMIL", "190")}),
])
def test_an_attack_its_target_answers_is_a_fight_both_ways(text, expected):
    assert set(coded(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a country's airstrikes and shelling are its forces', as "killed by Russian shelling" is
    ("Russian airstrikes killed 6 civilians in Sarmin, Idlib, on Tuesday.",
     [("RUSMIL", "SYRCVL", "195")]),
    ("Russian shelling killed three civilians in Kherson on Sunday.", [("RUSMIL", "UKRCVL", "194")]),
    ("An Israeli airstrike hit a house in Bint Jbeil on Monday, killing 2 people.", [("ISRMIL", "LBNCVL", "195")]),
    # a bare strike is no one's
    ("An airstrike hit a market in Sarmin, Idlib, on Tuesday, killing 6 civilians.", [("", "SYRCVL", "195")]),
])
def test_a_countrys_strikes_are_its_forces(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a participle with no subject of its own is done by its verb's subject: the burning is the
    # gang's, though "gang members" are not in its own clause
    ("Gang members raided Kenscoff, Ouest department, on Monday, shooting dead 3 residents and setting fire "
     "to several houses.", {("HTICRM", "HTICVL", "1823"), ("HTICRM", None, "1712")}),
    # people made to flee are driven out (201), next to the burning that drove them
    ("Armed men burned huts in villages near Yambio, Western Equatoria, on Friday, forcing some 2,000 "
     "residents to flee.", {("SSDUAF", None, "1712"), ("SSDUAF", "SSDCVL", "201")}),
])
def test_acts_joined_to_the_main_one_are_coded_too(text, expected):
    assert expected <= set(coded(text))


def test_settlers_keep_their_role_and_country():
    assert ("ISRSET", None, "1712") in coded("Israeli settlers raided Burin, near Nablus, on Friday, torching 4 homes.")


@pytest.mark.parametrize(("text", "expected"), [
    # a protest over an act is against its doer, when the report names one
    ("Traders protested in Chipinge on Monday over a levy imposed by the government.", ("ZWEBUS", "ZWEGOV", "141")),
    ("Traders held a protest in Busia, Kenya, on Friday over extortion by Ugandan police.",
     ("KENBUS", "UGACOP", "141")),
    # over an act no one is named for: no target
    ("Residents protested in Mbita on Monday over the killing of a fisherman.", ("KENCVL", None, "141")),
])
def test_a_protest_over_an_act_is_against_its_doer(text, expected):
    assert coded(text) == [expected]


def test_an_event_note_parenthesis_does_not_make_the_protest_a_reduced_relative():
    # "(Town, District, Province)" after the place: the parser reads "protested" as "(who were)
    # protested" on the residents and "demanding" as the sentence's verb
    assert coded("On 9 April 2022, hundreds of residents protested in Kataragama (Kataragama, Monaragala, Uva) "
                 "demanding the resignation of President Gotabaya Rajapaksa.", day="2022-04-10") == [
        ("LKACVL", "LKAGOV", "141")]


@pytest.mark.parametrize(("text", "expected"), [
    # explosives dropped from drones or quadcopters, a drone used as a bomb: an air strike (195)
    ("Michoacán | Coalcomán: cartel gunmen dropped explosives from drones on a house in the municipality.",
     ("MEXUAF", None, "195")),
    ("Khyber Pakhtunkhwa - Bannu: a quadcopter-dropped explosive hit a police post.", ("", "PAKCOP", "195")),
    ("Cauca | Suárez: ELN rebels used an explosive-laden drone against the police station.",
     ("COLREB", "COLCOP", "195")),
])
def test_drone_dropped_explosives_are_air_strikes(text, expected):
    assert expected in coded(text, day="2023-05-01")


def test_houses_set_ablaze_by_armed_men_are_destroyed_property():
    assert coded("The attackers set several houses ablaze in Kaduna State on Sunday.") == [("NGAUAF", None, "1712")]
    assert coded("Soldiers set the village alight in Rakhine State on Sunday.") == [("MMRMIL", None, "1712")]


@pytest.mark.parametrize(("text", "expected"), [
    # what a crowd burns, storms or stones is not whom it riots against
    ("Demonstrators set fire to the gendarmerie station in Bafang, West region, on Tuesday.",
     ("CMRCVL", None, "145")),
    ("Protesters stormed the prefecture in Mao, Kanem, on Friday and burned the governor's car.",
     ("TCDCVL", None, "145")),
    ("Hundreds of youths threw stones at riot police in Kisii on Monday.", ("KENCVL", None, "145")),
    # whom it protests against still is
    ("Protesters against the governor set fire to the municipal offices in Ilave, Puno, on Monday.",
     ("PERCVL", "PERGOV", "145")),
])
def test_what_a_riot_burns_or_stones_is_not_its_target(text, expected):
    assert expected in coded(text, day="2023-05-01")


def test_a_riot_placed_only_through_a_joined_verb_still_places_the_police_response():
    # "burned" and "threw" give the same event; the one kept may take its place from the other clause
    events = dyads.code("Youths burned tyres and threw stones at police in Wote, Makueni county, on Monday. "
                        "Police fired tear gas.", date="2023-05-01")
    response = next(e for e in events if e.code == "175")
    assert (response.source.code, response.target.code) == ("KENCOP", "KENCVL")
    assert response.place is not None and response.place.text == "Wote"


@pytest.mark.parametrize(("text", "expected"), [
    # a national guard is a gendarmerie: police (COP), as three blind local writers code it
    ("Members of the National Guard clashed with gunmen near Fresnillo, Zacatecas, on Monday.",
     ("MEXCOP", "MEXUAF", "190")),
    ("Youths threw stones at a national guard post in Sbeitla on Tuesday; the guardsmen fired tear gas.",
     ("TUNCOP", "TUNCVL", "175")),
])
def test_a_national_guard_is_police(text, expected):
    assert expected in coded(text, day="2023-05-01")


@pytest.mark.parametrize(("text", "expected"), [
    # a town blockaded or sealed off: its people are the target
    ("Gunmen imposed a blockade on Kajuru, Kaduna State, on Monday.", ("NGAUAF", "NGACVL", "191")),
    ("Police sealed off the roads into Moyale on Saturday.", ("KENCOP", "KENCVL", "191")),
    # a blockaded country is its own actor
    ("Israel imposed a blockade on Gaza.", ("ISR", "PSE", "191")),
])
def test_a_blockaded_town_is_its_people(text, expected):
    assert expected in coded(text, day="2023-05-01")


def test_burning_barricades_are_a_riot_and_the_police_disperse_its_crowd():
    assert coded("Angry youths erected barricades of burning tyres in Kenscoff on Tuesday, and police fired "
                 "tear gas to disperse them.", day="2023-05-01") == [
        ("HTICVL", None, "145"), ("HTICOP", "HTICVL", "175")]


def test_a_riot_with_no_target_is_kept_beside_a_blockade_with_one():
    # the blockade's target (here the capital in the road's name) does not make the riot its twin
    assert ("KENBUS", None, "145") in coded(
        "Traders blocked the Eldoret-Nairobi highway in Webuye with burning tyres and threw stones at police "
        "on Monday.", day="2023-05-01")


@pytest.mark.parametrize(("text", "expected"), [
    # a seized place is taken from the side the report says held it
    ("Rebels captured the town of Rutshuru, held by a small army detachment, on Friday.",
     ("CODREB", "CODMIL", "192")),
    ("Jihadists took control of Diapaga, which had been defended by an army unit, on Sunday.",
     ("BFAREB", "BFAMIL", "192")),
])
def test_a_seized_place_is_taken_from_the_side_that_held_it(text, expected):
    assert expected in coded(text, day="2023-05-01")


def test_a_place_of_another_clause_anchors_beside_a_named_actor_of_its_country():
    events = coded("On 2 May 2024, Viv Ansanm gang members took control of Cabaret, Ouest department, overrunning "
                   "the police station and forcing some 2,000 residents to flee.", day="2024-05-03")
    assert ("HTICRM", "HTICVL", "201") in events
    # not beside an actor of another country: the reservists are not Lebanon's
    found = coded("Israel called up reserve soldiers on Sunday as its cabinet weighed an offensive in southern "
                  "Lebanon.", day="2024-05-03")
    assert ("ISR", None, "154") in found and not any(s.startswith("LBN") for s, _, _ in found)


def test_a_places_own_people_are_its_civilians():
    # "its residents": the village's, not someone's named before
    assert ("NGAUAF", "NGACVL", "201") in coded("Gunmen raided Kauru on Monday and forced its residents to flee.",
                                                  day="2023-05-01")
    # "its police" stays someone's named before: not anchored by the place
    assert coded("The province said its police fired tear gas in Quetta.", day="2023-05-01") == []


@pytest.mark.parametrize(("text", "expected"), [
    # the subject that hits a bomb is its victim; who planted it, when named, its source
    ("A police vehicle struck a roadside bomb planted by militants near Wana on Monday.",
     ("PAKREB", "PAKCOP", "1833")),
    ("An army patrol hit a landmine near Kidal on Tuesday.", ("", "MLIMIL", "1833")),
    # a bomb that hits a convoy is still the bomb's act on the convoy
    ("A roadside bomb hit an army convoy near Kidal on Tuesday.", ("", "MLIMIL", "1833")),
])
def test_those_who_hit_a_bomb_are_its_victims(text, expected):
    assert coded(text, day="2023-05-01") == [expected]


def test_bare_officers_and_the_agents_of_a_force_are_that_force():
    assert ("UGACOP", "UGACVL", "175") in coded(
        "Youths burned tyres and stoned the police station in Kasese on Monday. Officers fired tear gas "
        "to disperse them.")
    assert ("HTICOP", "HTICVL", "175") in coded(
        "In Hinche, demonstrators set vehicles on fire, and agents of the police dispersed the crowd with "
        "tear gas.")
    # an army officer keeps its own role
    assert coded("An army officer was shot dead in Kasese on Monday.") == [("", "UGAMIL", "1823")]


def test_those_hurt_in_a_riot_are_not_whom_it_riots_against():
    assert coded("A mob set fire to two police vehicles in Kisumu on Tuesday. Nine police officers "
                 "were injured.") == [("KENCVL", None, "145")]
    assert coded("Rioters torched a police post in Landi Kotal on Friday. Four policemen were injured.") == [
        ("PAKCVL", None, "145")]
    assert coded("Protesters burned the town hall in Yumbo on Monday. Two soldiers were wounded.") == [
        ("COLCVL", None, "145")]


def test_a_grenade_thrown_or_that_kills_is_a_bombing():
    assert coded("Police said a grenade was hurled at a bus stand in Balad on Saturday evening, wounding "
                 "eleven people.") == [("", "IRQCVL", "183")]
    assert coded("Unknown assailants lobbed a grenade into a bar in Ngozi, killing three people.") == [
        ("BDIUAF", "BDICVL", "183")]
    assert coded("A grenade killed two people in Ngozi on Sunday.") == [("", "BDICVL", "183")]
    assert coded("An improvised explosive device killed three members of a family near Djibo.") == [
        ("", "BFACVL", "183")]


def test_a_local_official_named_by_his_town_is_there():
    assert coded("The mayor of Guachochi was abducted by armed men on Monday near his ranch.") == [
        ("MEXUAF", "MEXGOV", "181")]
    assert coded("The administrator of Ouallam was kidnapped by suspected jihadists on Tuesday.") == [
        ("NERREB", "NERGOV", "181")]


def test_the_translated_press_names_for_armed_men_soldiers_and_captives():
    assert coded("Armed subjects shot dead two comuneros in a vereda of Tumaco on Sunday.") == [
        ("COLUAF", "COLAGR", "1823")]
    assert coded("Russian occupiers shelled Nikopol overnight, wounding a 45-year-old man.") == [
        ("RUSMIL", "UKRCVL", "194")]
    assert set(coded("Ukrainian defenders repelled an assault by Russian troops near Bakhmut.")) == {
        ("RUSMIL", "UKRMIL", "190"), ("UKRMIL", "RUSMIL", "190")}
    assert coded("Peasants retained eight soldiers for two days in the community of Huanta.") == [
        ("PERAGR", "PERMIL", "181")]
    # a rights defender is no soldier
    assert coded("Human rights defenders marched in Tumaco on Friday.") == [("COLHRI", None, "141")]


@pytest.mark.parametrize("actor, place, code", [
    ("FACA", "Bambari", "CAFMIL"), ("FADM", "Mocimboa da Praia", "MOZMIL"),
    ("BIR", "Bamenda", "CMRMIL"), ("DRG", "Bijapur", "INDCOP"),
    ("EMC dissidents", "Tumaco", "COLREB"), ("UPC", "Bambari", "CAFREB"),
])
def test_the_acronyms_of_incident_logs_name_their_forces(actor, place, code):
    assert [s for s, _, _ in coded(f"{actor} attacked villagers in {place} on Monday.", "2021-03-01")] == [code]


def test_the_war_communiques_battles_formations_and_liberated_settlements():
    assert set(coded("Russian troops waged fierce battles with formations of the Armed Forces of Ukraine "
                     "near Bakhmut.")) == {("RUSMIL", "UKRMIL", "190"), ("UKRMIL", "RUSMIL", "190")}
    assert coded("Russian forces liberated the settlement of Urozhaine from Ukrainian forces, the Defence "
                 "Ministry said.") == [("RUSMIL", "UKRMIL", "192")]


def test_individuals_who_act_are_unnamed_armed_men_and_those_acted_on_civilians():
    assert coded("Individuals armed with machetes killed four farmers in Djugu on Sunday.") == [
        ("CODUAF", "CODAGR", "1823")]
    assert coded("Individuals in possession of weapons of war attacked a bus near Kaga-Bandoro, killing two "
                 "passengers.") == [("CAFUAF", "CAFCVL", "1823")]
    assert coded("Police arrested three individuals in Djugu on Monday.") == [("CODCOP", "CODCVL", "173")]
