"""Actors of the national press outside Europe and North America the coder did not know (the
regional blind set's classes), one class per test, on sentences written for these tests."""

from tests.coding_helpers import triples


def test_parties_are_gov_while_they_govern_the_country_and_opp_out_of_it():
    # the same party on both sides of a change of government
    assert triples("Police on Sunday arrested 40 PTI workers in Lahore.", "2023-06-04") == [
        ("PAKCOP", "PAKOPP", "173")]
    assert triples("The PTI on Monday accused the PML-N of rigging the by-election.", "2020-03-02") == [
        ("PAKGOV", "PAKOPP", "112")]
    assert triples("The APC on Monday accused the PDP of sponsoring violence in Rivers State.", "2021-06-07") == [
        ("NGAGOV", "NGAOPP", "112")]
    assert triples("Malaysian police on Thursday detained a PKR lawmaker in Penang.", "2021-06-10") == [
        ("MYSCOP", "MYSOPP", "173")]


def test_anti_graft_and_security_agencies_named_by_acronym_are_their_countrys():
    # a state's agency: GOV (the writers disagree on JUD)
    assert triples("The EFCC on Wednesday arrested two PDP chieftains in Kano.", "2019-04-03") == [
        ("NGAGOV", "NGAOPP", "173")]
    assert triples("Bangladesh's elite Rapid Action Battalion shot dead two suspected JMB militants in a "
                   "gunfight in Gazipur on Friday.", "2017-03-18") == [("BGDCOP", "BGDREB", "193")]
    # a longer name is not cut short by a shorter group's ("National Liberation Army" is Colombia's ELN)
    assert triples("Fighters of the West Papua National Liberation Army attacked an Indonesian army post in "
                   "Intan Jaya on Sunday.", "2022-01-10") == [("IDNSEP", "IDNMIL", "193")]


def test_an_ambiguous_name_is_the_one_of_the_country_its_sentence_names():
    # "Congress" beside Indian names is India's party (out of government in 2023), else the US Congress
    assert triples("Congress leaders staged a protest outside the Lok Sabha on Tuesday against the BJP "
                   "government.", "2023-05-10") == [("INDOPP", "INDGOV", "141")]
    assert triples("Congress on Tuesday condemned the Israeli strikes on Gaza.", "2023-05-10") == [
        ("USALEG", "ISR", "111")]


def test_a_pack_office_left_open_is_closed_by_the_curated_record():
    # the Phoenix files hold Jacob Zuma and Nawaz Sharif in office open-ended; out of it they are ELI
    assert triples("South Africa's Constitutional Court on Tuesday sentenced Jacob Zuma to 15 months in prison "
                   "for contempt.", "2021-06-30") == [("ZAFJUD", "ZAFELI", "116")]
    assert triples("Pakistani police arrested Nawaz Sharif at Lahore airport on Friday.", "2018-07-14") == [
        ("PAKCOP", "PAKELI", "173")]
    # before the curated record's first office the pack's history still answers (his 1997-99 term);
    # two countries' leaders meeting in a third country meet at a third location (044)
    assert triples("Nawaz Sharif met Indian Prime Minister Inder Kumar Gujral in Colombo on Sunday.",
                   "1998-03-12") == [("INDGOV", "PAKGOV", "044"), ("PAKGOV", "INDGOV", "044")]


def test_party_leaders_and_ministers_of_the_regional_press_are_known_by_name():
    # "Amit" alone is an American organisation in the Phoenix files
    assert triples("Union Home Minister Amit Shah on Monday accused Rahul Gandhi of insulting the army.",
                   "2022-12-12") == [("INDGOV", "INDOPP", "112")]
    assert triples("Ugandan police on Tuesday arrested Bobi Wine in Kampala.", "2020-11-18") == [
        ("UGACOP", "UGAOPP", "173")]


def test_the_head_of_a_national_police_is_police():
    # Phoenix's INSPECTOR_GENERAL [~GOVCOP] kept its first role, GOV; police put on alert is 151
    assert triples("Kenya's Inspector General of Police on Friday put all officers on high alert in Nairobi.",
                   "2023-03-18") == [("KENCOP", None, "151")]


def test_barring_a_politician_from_office_is_banning_politicians():
    assert triples("Pakistan's Supreme Court on Friday disqualified Prime Minister Nawaz Sharif from holding "
                   "public office.", "2017-07-29") == [("PAKJUD", "PAKGOV", "1722")]
    assert triples("Kenya's electoral commission on Monday barred the former governor from contesting the "
                   "election.", "2022-06-07") == [("KENGOV", None, "1722")]
    # a party dissolved keeps its name's code in the report of its end, the day after
    assert triples("Thailand's Constitutional Court on Wednesday dissolved the opposition Move Forward Party.",
                   "2024-08-08") == [("THAJUD", "THAOPP", "1722")]


def test_ugandan_rebels_are_ugandas_where_they_fight_and_air_strikes_are_no_labour_strike():
    assert triples("The Ugandan army and the Congolese army launched joint air strikes on ADF rebel camps in "
                   "Ituri on Monday.",
                   "2021-12-07") == [("CODMIL", "UGAREB", "195"), ("UGAMIL", "UGAREB", "195")]


def test_titles_and_office_holders_of_the_regional_press():
    # Phoenix's COUNSELLOR is a lawyer (JUD); the title outranks the day-after ELI
    assert triples("Myanmar's military detained State Counsellor Aung San Suu Kyi in Naypyitaw on Monday.",
                   "2021-02-02") == [("MMRMIL", "MMRGOV", "173")]
    # a senator of the party out of government (convention 28 of wire3, 4 of regional)
    assert triples("Philippine police arrested Senator Leila de Lima on Friday.", "2017-02-25") == [
        ("PHLCOP", "PHLOPP", "173")]


def test_neutralised_in_a_communique_is_killed_in_an_operation():
    assert triples("Turkish jets neutralised 12 PKK terrorists in airstrikes in northern Iraq on Wednesday.",
                   "2022-06-09") == [("TURMIL", "TURSEP", "195")]
    assert triples("Pakistani troops neutralised four TTP terrorists in North Waziristan on Monday.",
                   "2022-06-09") == [("PAKMIL", "PAKREB", "193")]
    # a bomb made safe is no attack
    assert triples("Nigerian troops neutralised an IED on the Maiduguri road on Monday.", "2022-06-09") == []


def test_a_police_force_deploying_or_alerting_its_officers_shows_police_power():
    # its men are "officers" or "personnel", not the "police" the older patterns name (153, 151)
    assert triples("The Ghana Police Service on Thursday deployed 3,000 personnel to Kumasi ahead of the "
                   "by-election.", "2022-06-09") == [("GHACOP", None, "153")]
    assert triples("Uganda's police on Friday placed all officers in Kampala on high alert after the "
                   "explosions.", "2021-11-19") == [("UGACOP", None, "151")]
    # an army's officers are not a police deployment
    assert triples("The Ugandan army deployed 200 officers along the border on Friday.", "2021-11-19") == []


def test_a_test_firing_is_a_show_of_force_whatever_names_the_weapon():
    # "test-fired" parses as "test" beside "fired", and the weapon may be a name with its kind in apposition
    assert triples("India on Thursday test-fired the Agni-V, a long-range nuclear-capable missile, off the "
                   "Odisha coast.", "2012-04-20") == [("IND", None, "150")]
    assert triples("Iran test-launched the Sejjil, a solid-fuel missile, on Wednesday.", "2008-11-13") == [
        ("IRN", None, "150")]


def test_force_on_people_whose_protest_the_same_sentence_tells_after_is_repression():
    # the protest told after the shooting, in a participle on its victims, is its frame too (175)
    assert ("BGDCOP", "BGDEDU", "175") in triples(
        "Bangladeshi police opened fire on students protesting against the quota system in Dhaka on "
        "Tuesday, killing two.", "2024-07-17")
    assert ("KENMIL", "KENOPP", "175") in triples(
        "Kenyan soldiers fired on opposition supporters who were demonstrating against the election "
        "results in Kisumu on Friday.", "2017-08-12")
    # people no protest is told of are shot at, not repressed
    assert ("KENMIL", "KENOPP", "193") in triples(
        "Kenyan soldiers fired on opposition supporters in Kisumu on Friday.", "2017-08-12")


def test_a_year_naming_what_an_act_is_about_does_not_date_the_act():
    # "over the 2016 attack": the year is the attack's; the sentencing is of the article's day
    assert triples("A Dhaka court on Wednesday sentenced seven JMB members to death over the 2016 cafe attack.",
                   "2019-11-27") == [("BGDJUD", "BGDREB", "116")]
    assert triples("Kenyan police on Monday arrested two opposition MPs over the 2017 election violence in "
                   "Kisumu.", "2020-06-15") == [("KENCOP", "KENOPP", "173")]
    # a year of the act itself still makes it background
    assert triples("Kenyan police arrested two opposition MPs in 2017.", "2020-06-15") == []


def test_summoning_another_states_envoy_is_a_formal_protest():
    # four blind writers (article, press, wire3, regional) code it 114 toward the envoy's government
    # (no dictionary holds "high commissioner" as a role: the country)
    assert triples("Pakistan on Tuesday summoned the Indian high commissioner over the killing of civilians "
                   "in Kashmir.", "2019-03-05") == [("PAK", "IND", "114")]
    assert triples("Turkey summoned the US envoy on Monday over the sanctions.", "2019-03-05") == [
        ("TUR", "USAGOV", "114")]
    assert triples("Britain called in the Russian ambassador on Friday.", "2019-03-05") == [
        ("GBR", "RUSGOV", "114")]
    # one's own envoy summoned home is no protest at the host
    assert all(code != "114" for _, _, code in triples(
        "Kenya summoned its ambassador to Somalia for consultations on Monday.", "2019-03-05"))


def test_recalling_ones_envoy_to_a_country_breaks_with_that_country():
    # "its ambassador TO X" names the country as "its ambassador FROM X" does (161 toward the country)
    assert triples("Bahrain recalled its ambassador to Qatar on Sunday in protest at the remarks.",
                   "2019-03-05") == [("BHR", "QAT", "161")]
    assert triples("Ghana recalled its envoy to Nigeria on Friday.", "2019-03-05") == [("GHA", "NGA", "161")]


def test_protesters_demanding_something_protest_for_it():
    # a demand told by a participle on protesters (or on the act repressing them) is their protest,
    # with the demand's reform digit (1411 leadership change); unnamed protesters against a
    # government are of its country
    assert ("ZWECVL", "ZWEGOV", "1411") in triples(
        "Riot police in Harare used water cannon to break up thousands of protesters demanding the "
        "resignation of President Robert Mugabe on Wednesday.", "2016-07-07")
    assert ("MYSCVL", "MYSGOV", "1411") in triples(
        "Malaysian riot police used tear gas to disperse thousands of protesters demanding the resignation "
        "of Prime Minister Najib Razak on Saturday.", "2015-08-29")
    # protesters who demand by a verb of their own demand (104x), as before
    assert triples("Thai protesters demanded on Wednesday that Prime Minister Prayuth Chan-ocha step down.",
                   "2020-08-20") == [("THACVL", "THAGOV", "1041")]
