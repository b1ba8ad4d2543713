"""Classes of local conflict reports found by h-local6 (docs/notes/local-error-classes-2.md), each
tested on sentences written for the class, not taken from any gold set."""

import dyads


def coded(text, day="2022-05-10"):
    return [(e.source.code, e.target.code if e.target else None, e.code,
             e.fatalities.low if e.fatalities else None) for e in dyads.code(text, date=day)]


def test_counted_victims_reported_killed_are_the_fights_toll_not_its_killers():
    # the incident log's "N soldiers reported killed": the soldiers are the victims, and after a
    # clash their deaths are its toll
    assert coded("Soldiers clashed with jihadists near Djibo on Sunday. 4 jihadists reported killed.") == [
        ("BFAMIL", "BFAREB", "190", 4), ("BFAREB", "BFAMIL", "190", 4)]
    assert coded("Police and gunmen exchanged fire in Tlapa on Friday. Two officers were reported killed.") == [
        ("MEXCOP", "MEXUAF", "190", 2), ("MEXUAF", "MEXCOP", "190", 2)]
    assert coded("Kachin rebels attacked an army outpost near Bhamo; 6 soldiers reportedly killed.") == [
        ("MMRREB", "MMRMIL", "193", 6)]


def test_downed_tools_misread_as_an_adjective_is_still_a_strike():
    # the parser reads "downed" as an adjective of "tools" hung on the place before it
    assert coded("Doctors at the district hospital in Rumonge downed tools on Tuesday over unpaid allowances.") == [
        ("BDIHLH", None, "143", None)]
    assert [c[:3] for c in coded("Lecturers at the teachers college in Kabale downed tools on Monday.")] == [
        ("UGAEDU", None, "143")]
    # a downed aircraft is no strike
    assert coded("Rebels showed the wreckage of the downed helicopter near Kidal.") == []


def test_a_missile_or_guided_bomb_is_an_aerial_weapon_of_the_country_that_fired_it():
    # CAMEO 195 (aerial weapons: bombs, missiles, air strikes); "a Russian missile": Russia's forces
    assert coded("A Russian guided bomb hit a school in Kupiansk on Monday, killing two teachers.", "2024-01-10") == [
        ("RUSMIL", "UKREDU", "195", 2)]
    assert coded("A missile hit a school in Kupiansk on Monday, killing two teachers.", "2024-01-10") == [
        ("", "UKREDU", "195", 2)]
    assert coded("A guided bomb struck a supermarket in Vovchansk, wounding six people.", "2024-01-10") == [
        ("", "UKRCVL", "195", None)]
    # forces that strike a place with guided bombs bomb it from the air; no labour strike (143)
    assert coded("Russian forces struck the village of Stepnohirsk with guided bombs on Monday.", "2024-01-10") == [
        ("RUSMIL", "UKRCVL", "195", None)]



def placed(text, day="2024-01-10"):
    return [(e.code, e.place.name.split(",")[0] if e.place else None) for e in dyads.code(text, date=day)]


def test_the_town_an_attack_or_strike_is_on_is_where_it_happened():
    # "an airstrike on X", "a drone attack on X": the place struck, as "shelled X" is
    assert placed("A Russian drone attack on Kramatorsk killed a man on Thursday.") == [("195", "Kramatorsk")]
    assert placed("An airstrike on Mellit killed seven people on Monday.", "2023-05-10") == [
        ("195", "Mellit")]
    assert placed("A Russian missile strike on Kostiantynivka killed four people on Tuesday.") == [
        ("195", "Kostyantynivka")]
    # and its victims are the people of that place
    assert coded("A Russian missile strike on Kostiantynivka killed four people on Tuesday.", "2024-01-10") == [
        ("RUSMIL", "UKRCVL", "195", 4)]


def test_a_crowd_of_people_no_dictionary_names_is_the_crowd():
    # "hundreds of motorcycle taxi riders": the quantity stands when what it counts names no actor
    assert coded("Hundreds of motorcycle taxi riders protested in Kisumu on Tuesday over police harassment.",
                 "2020-07-08") == [("KENCVL", None, "141", None)]
    assert coded("Dozens of cocoa haulers marched through Soubre on Monday.", "2020-07-08") == [
        ("CIVCVL", None, "141", None)]
    # but named people are who they are
    assert coded("Hundreds of nurses marched through Soubre on Monday.", "2020-07-08") == [
        ("CIVHLH", None, "141", None)]
    # an object may count things, not people
    assert coded("Soldiers torched dozens of houses in Soubre on Monday.", "2020-07-08") == [
        ("CIVMIL", None, "1712", None)]


def test_a_bomb_grenade_or_suicide_attack_is_a_bombing():
    # the noun "attack" with the weapon before it: CAMEO 183 and its kinds, not an attack (193)
    assert coded("A grenade attack on a police post in Gitega wounded four officers.") == [
        ("", "BDICOP", "183", None)]
    assert coded("An IED attack on an army patrol near Gao killed two soldiers.") == [("", "MLIMIL", "1833", 2)]
    assert coded("A suicide attack on a mosque in Peshawar killed 12 worshippers.") == [("", "PAKCVL", "1831", 12)]


def test_the_victims_of_a_bomb_no_one_planted_by_name_in_its_sentence_are_its_toll():
    # "an IED hit an army vehicle; two soldiers were killed": one bombing, not a killing as well
    assert coded("An IED hit an army vehicle near Afgooye; two soldiers were killed.") == [
        ("", "SOMMIL", "1833", 2)]
    assert coded("Lower Shabelle - Afgooye: an IED hit an army vehicle; 2 soldiers killed.") == [
        ("", "SOMMIL", "1833", 2)]
    assert coded("A roadside bomb struck a police patrol in Khar, Bajaur, on Monday; three policemen were killed.") == [
        ("", "PAKCOP", "1833", 3)]


def test_a_response_told_in_a_relative_clause_on_a_place_is_the_forces_before_it():
    # "security forces in X, who responded with live ammunition, killing two": the parser hangs
    # "who" on the town; the forces answer the protest (175) and have its toll
    assert coded("Youths threw stones at police in Kasese, who responded with live bullets, killing two protesters.",
                 "2016-11-28") == [("UGACVL", None, "145", None), ("UGACOP", "UGACVL", "175", 2)]


def test_the_place_a_protest_stands_at_or_goes_to_is_not_its_target():
    # every local writer: "outside the municipal building", "to the sub-county offices" no target
    assert coded("Dozens of protesters gathered outside the governor's office in Jalalabad to demand jobs.",
                 "2022-01-10")[0][:2] == ("AFGCVL", None)
    assert coded("Hundreds of women marched to the palace of the emir in Gumel on Monday.", "2022-01-10") == [
        ("NGACVL", None, "141", None)]
    # a foreign country's building names whom it protests; so does "against"
    assert coded("Protesters demonstrated outside the US embassy in Baghdad on Sunday.", "2022-01-10") == [
        ("IRQCVL", "USAGOV", "141", None)]
    assert coded("Traders marched to the market in Gombe against the state government's new levy.",
                 "2022-01-10")[0][:3] == ("NGABUS", "NGAGOV", "141")


def test_what_a_protest_is_against_is_no_event_of_its_own():
    # the arrest or killing a protest is against is its grievance, not an event of the report
    assert [c[:3] for c in coded("Residents of Kisii marched on Monday to protest against the arrest of a local pastor "
                                 "by police.")] == [("KENCVL", "KENCOP", "141")]
    assert [c[:3] for c in coded("Students in Kabale demonstrated over the killing of a classmate by soldiers.")] == [
        ("UGAEDU", "UGAMIL", "141")]


def test_a_blockade_or_strike_that_protests_something_is_that_blockade_or_strike():
    # the local writers: blockades 144x, strikes 143x; the protest verb says whom it is against
    assert [c[:3] for c in coded("Youths blocked the road in Kasese on Friday, protesting the arrest of their leader "
                                 "by police.")] == [("UGACVL", "UGACOP", "144")]
    assert [c[:3] for c in coded("Traders in Bouake went on strike on Monday to protest the detention of two "
                                 "colleagues by customs officers.")] == [("CIVBUS", "CIVCOP", "143")]


def test_a_town_named_by_the_possessive_of_its_district_is_where_it_happened():
    # "near Mogadishu's Daynile district": Mogadishu, not the Somali government
    assert placed("A suicide attack on a checkpoint near Mogadishu's Daynile district killed four soldiers.",
                  "2021-11-28") == [("1831", "Mogadishu")]
    assert placed("A grenade attack on a police post in Bujumbura's Kamenge district wounded four officers.",
                  "2019-02-06") == [("183", "Bujumbura")]


def test_a_local_government_area_is_a_place_not_a_government():
    assert placed("The Kaduna state government imposed a 24-hour curfew on Kauru local government area on Sunday.",
                  "2022-01-10") == [("1723", "Kauru")]
    assert [c[:3] for c in coded("Gunmen killed five villagers in Bokkos local government area of Plateau state.")] == [
        ("NGAUAF", "NGACVL", "1823")]
