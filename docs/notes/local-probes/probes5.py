"""A fifth batch of probe reports written for h-local6 after its fixes (not from any gold set),
to check that the classes fixed hold in new wordings."""
import sys
import probes as base

N = None
base.P[:] = [
 ("t01", "Two policemen were killed on Saturday when a bomb attack hit their patrol near Miranshah, officials said.",
  "2021-05-16", "explosion", [(N, "PAKCOP", "183", 2, "Miranshah", "PK")]),
 ("t02", "Kayin State - Myawaddy: KNLA fighters and junta troops clashed near the town; 3 soldiers reported killed.",
  "2023-04-12", "battle", [("MMRREB", "MMRMIL", "190", 3, "Myawaddy", "MM"), ("MMRMIL", "MMRREB", "190", 3, "Myawaddy", "MM")]),
 ("t03", "Health workers in Kakamega downed tools on Wednesday, demanding promotion and unpaid allowances.",
  "2020-12-09", "protest", [("KENHLH", N, "143", N, "Kakamega", "KE")]),
 ("t04", "A Russian missile strike on Zolochiv wounded five people on Sunday, the regional governor said.",
  "2024-05-19", "explosion", [("RUSMIL", "UKRCVL", "195", N, "Zolochiv", "UA")]),
 ("t05", "Dozens of boda boda riders protested in Mbale on Monday against new parking fees imposed by the municipal council.",
  "2019-03-19", "protest", [("UGACVL", "UGAGOV", "141", N, "Mbale", "UG")]),
 ("t06", "Residents gathered outside the district headquarters in Mardan on Tuesday, demanding the arrest of the killers of a local trader.",
  "2022-08-30", "protest", [("PAKCVL", N, "141", N, "Mardan", "PK")]),
 ("t07", "Angry villagers blocked the highway near Ambositra for hours, protesting the killing of a farmer by cattle thieves.",
  "2021-10-05", "protest", [("MDGCVL", N, "144", N, "Ambositra", "MG")]),
 ("t08", "Demonstrators hurled stones at gendarmes in Kindia, who responded with tear gas and live rounds, wounding four protesters.",
  "2020-03-24", "riot", [("GINCVL", N, "145", N, "Kindia", "GN"), ("GINCOP", "GINCVL", "175", N, "Kindia", "GN")]),
 ("t09", "An IED exploded near an army convoy on the outskirts of Mopti; one soldier was killed and three wounded.",
  "2022-10-17", "explosion", [(N, "MLIMIL", "183", 1, "Mopti", "ML")]),
 ("t10", "A drone attack on Sévaré killed two civilians on Friday, local sources said.",
  "2023-09-09", "explosion", [(N, "MLICVL", "195", 2, "Sévaré", "ML")]),
 ("t11", "Hundreds of cattle keepers marched in Rumbek on Thursday to protest against the killing of their relatives.",
  "2021-02-26", "protest", [("SSDCVL", N, "141", N, "Rumbek", "SS")]),
 ("t12", "Al-Shabaab militants attacked a police station in Mandera town overnight; two officers were killed in the exchange of fire.",
  "2019-06-15", "battle", [("SOMINS", "KENCOP", "193", 2, "Mandera", "KE")]),
 ("t13", "Striking teachers in Chitungwiza downed tools for a third day on Thursday over salaries paid in local currency.",
  "2022-02-10", "protest", [("ZWEEDU", N, "143", N, "Chitungwiza", "ZW")]),
 ("t14", "A suicide attack on a checkpoint near Mogadishu's Daynile district killed four soldiers.",
  "2021-11-28", "explosion", [(N, "SOMMIL", "1831", 4, "Mogadishu", "SO")]),
 ("t15", "Soldiers, who had been deployed to the market after clashes, shot dead two traders in Bambari on Monday.",
  "2021-07-13", "civilians", [("CAFMIL", "CAFBUS", "1823", 2, "Bambari", "CF")]),
]

if __name__ == "__main__":
    base.build(sys.argv[1])
