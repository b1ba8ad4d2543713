"""A fourth batch of probe reports written for h-local6 (not from any gold set)."""
import sys
import probes as base

N = None
base.P[:] = [
 ("s01", "A Russian drone attack on Pokrovsk wounded three women on Wednesday, the regional governor said.",
  "2024-03-14", "explosion", [("RUSMIL", "UKRCVL", "195", N, "Pokrovsk", "UA")]),
 ("s02", "An attack on a military camp in Tessit left 11 soldiers dead on Sunday, the army said.",
  "2022-08-09", "battle", [(N, "MLIMIL", "193", 11, "Tessit", "ML")]),
 ("s03", "Residents of Kalehe demonstrated on Monday against the insecurity, blocking the main road for several hours.",
  "2021-05-18", "protest", [("CODCVL", N, "141", N, "Kalehe", "CD")]),
 ("s04", "Suspected ISWAP fighters ambushed a military convoy near Damboa on Thursday, killing four soldiers.",
  "2022-02-04", "battle", [("NGAREB", "NGAMIL", "193", 4, "Damboa", "NG")]),
 ("s05", "Hundreds of motorcycle taxi riders protested outside the governor's office in Kisumu on Tuesday over police harassment.",
  "2020-07-08", "protest", [("KENCVL", N, "141", N, "Kisumu", "KE")]),
 ("s06", "Four people were killed when gunmen opened fire on a bar in Celaya, Guanajuato, on Saturday night.",
  "2023-06-12", "civilians", [("MEXUAF", "MEXCVL", "1823", 4, "Celaya", "MX")]),
 ("s07", "Police used tear gas to disperse traders protesting against the demolition of their kiosks in Eldoret.",
  "2019-09-24", "protest", [("KENCOP", "KENBUS", "175", N, "Eldoret", "KE")]),
 ("s08", "Two soldiers were injured when their vehicle hit a landmine near Ménaka on Friday.",
  "2023-04-01", "explosion", [(N, "MLIMIL", "1833", N, "Ménaka", "ML")]),
 ("s09", "An Israeli airstrike on a car in Bint Jbeil killed two Hezbollah members on Tuesday.",
  "2024-02-21", "explosion", [("ISRMIL", "LBNREB", "195", 2, "Bint Jbayl", "LB")]),
 ("s10", "Armed bandits attacked Kankara on Friday night and abducted 21 villagers, residents said.",
  "2021-09-04", "civilians", [("NGACRM", "NGACVL", "181", N, "Kankara", "NG")]),
 ("s11", "Dozens of farmers blocked the highway near Bobo-Dioulasso on Monday to protest against the price of fertiliser.",
  "2022-06-21", "protest", [("BFAAGR", N, "1442", N, "Bobo-Dioulasso", "BF")]),
 ("s12", "On 3 June 2023, Fano militia and ENDF clashed in Debre Tabor (Debre Tabor, South Gondar, Amhara). 6 fatalities.",
  "2023-06-05", "battle", [("ETHREB", "ETHMIL", "190", 6, "Debre Tabor", "ET"), ("ETHMIL", "ETHREB", "190", 6, "Debre Tabor", "ET")]),
 ("s13", "Security forces arrested three suspected kidnappers in Ikorodu on Thursday, Lagos police said.",
  "2020-11-13", "strategic", [("NGACOP", "NGACVL", "173", N, "Ikorodu", "NG")]),
 ("s14", "A grenade attack on a police post in Bujumbura's Kamenge district wounded four officers.",
  "2019-02-06", "explosion", [(N, "BDICOP", "183", N, "Bujumbura", "BI")]),
 ("s15", "Israeli forces raided the town of Qabatiya, south of Jenin, and arrested six Palestinians.",
  "2022-09-12", "strategic", [("ISRMIL", "PSECVL", "173", N, "Qabāţiyah", "PS")]),
 ("s16", "Gunmen attacked a church in Owo during Sunday mass, killing at least 40 worshippers.",
  "2022-06-06", "civilians", [("NGAUAF", "NGACVL", "202", 40, "Owo", "NG")]),
 ("s17", "Teachers in Kaduna state went on strike on Monday over the sacking of 2,000 colleagues by the state government.",
  "2019-05-07", "protest", [("NGAEDU", N, "143", N, N, "NG")]),
 ("s18", "Houthi shelling on residential neighbourhoods of Taiz killed a child and wounded his mother, local officials said.",
  "2021-11-02", "explosion", [("YEMREB", "YEMCVL", "194", 1, "Taiz", "YE")]),
 ("s19", "Armed men on motorcycles killed three herders and stole their cattle near Kidal.",
  "2020-03-05", "civilians", [("MLIUAF", "MLIAGR", "1823", 3, "Kidal", "ML")]),
 ("s20", "A roadside bomb hit a police vehicle in Khar, Bajaur district, on Monday, killing two policemen.",
  "2023-07-03", "explosion", [(N, "PAKCOP", "1833", 2, "Khar", "PK")]),
]

if __name__ == "__main__":
    base.build(sys.argv[1])
