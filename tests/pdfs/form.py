"""The printed content of one SOC25/SOC26 form, page by page, for the test
PDF generators in this folder (portal.py, html_portal.py).

Built from a form's canonical JSON (tests/fixtures/NNN_*.expected.json) and
from wording transcribed by hand from the seed texts (tests/fixtures/*.txt)
and the form's description (now docs/form.md).  It deliberately does NOT read scheda's own
templates/ so that the fixtures are an independent source: `check_wording`
verifies that every fixed text below occurs, word for word, in a seed text.

A page is (quadro number, band lines, items); an item is a tuple:
  ("header", [(label, value), ...])       page 1 header block
  ("note", text)                           a paragraph (full width)
  ("group", text)                          a group heading (bold)
  ("bar", text)                            a heading bar (bold, shaded)
  ("row", label, [(header, value), ...])   one user row: its own small table
  ("wide", label, value)                   label line, value line below (R0C...)
  ("sentences", [text, ...])               the portal's narrative box
  ("question", label, answer)              a SI/NO question (answer may be "")
  ("caption", text)                        an italic sub-caption
  ("free", label, text)                    the free-text report
"""

import json
import re
from decimal import Decimal

TITLE = "{ed} - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO {y}"

TYPES = [
    "famiglia e minori",
    "disabili",
    "con dipendenze e salute mentale",
    "anziani",
    "immigrati e nomadi",
    "povertà, disagio adulti e senza dimora",
    "Multiutenza",
]
GROUPS = [
    ("Interventi e servizi", ["M12", "M15", "M18", "M21", "M24", "M27", "M30"], True),
    ("Contributi economici", ["M35", "M36", "M37", "M38", "M39", "M40", "M41"], False),
    ("Strutture", ["M44", "M47", "M50", "M53", "M56", "M59", "R0A"], True),
]

INTRO = (
    "Ciascun Comune dovrà indicare il numero di utenti serviti per residenza o per "
    "obbligo di legge; in caso di Comuni che svolgono il servizio in forma associata "
    "o nell'ATS di riferimento dovrà essere riportata l{apo}utenza afferente al proprio Comune"
)

# Quadro 4 of SOC25: four sections (header, intro, [(code, label, caption)]).
SECTIONS = [
    (
        "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il questionario dei fabbisogni standard (R07) non inferiore al Fabbisogno standard monetario sociale 2022-2024 (R06) e livello di servizi più elevato di quello di riferimento (R04>=R05)",
        "Il livello di spesa dell'ente locale è risultato non inferiore al livello del fabbisogno per la funzione del sociale e il livello dei servizi convenzionalmente calcolato risulta superiore a quello di riferimento a causa di:",
        [
            ("R16", "R16 - Scelta dell'amministrazione, dovuta ad una particolare configurazione delle preferenze locali, di destinare maggiori risorse ai servizi sociali",
             "Scelta dell' amministrazione di investire maggiori risorse per fornire i servizi sociali di maggiore qualità"),
            ("R17", "R17 - Personale maggiormente qualificato", None),
            ("R18", "R18 - Numero assistenti sociali e altre figure professionali in termini pro capite più alto", None),
            ("R19", "R19 - Presenza e mantenimento delle strutture sociali di proprietà comunale destinati ai servizi sociali", None),
            ("R20", "R20 - Digitalizzazione dei servizi sociali", None),
            ("R21", "R21 - Sviluppo della rete territoriale integrata con l'ambito sociale di riferimento, comuni vicini, volontariato e terzo settore", None),
            ("R22", "R22 - Altro (specificare nel campo della relazione in formato libero)", None),
        ],
    ),
    (
        "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il questionario dei fabbisogni standard (R07) non inferiore al fabbisogno standard monetario sociale 2022-2024 (R06) e livello di servizi inferiore a quello di riferimento (R04<R05)",
        "ll livello di spesa dell'ente locale è alto, nonostante ciò, il livello di servizi convenzionalmente calcolato è inferiore a quello di riferimento a causa di:",
        [
            ("R23", "R23 - Una rilevante parte delle risorse per la funzione è assorbita da poche prestazioni sociali particolarmente costose",
             "Servizi sociali erogati dall'ente più costosi, quali:"),
            ("R24", "R24 - Diseconomie di scala nell'erogazione dei servizi", None),
            ("R25", "R25 - Mancanza del servizio integrato con l'ambito sociale di riferimento, assenza di accreditamenti con strutture private", None),
            ("R26", "R26 - Difficoltà gestionali", None),
            ("R27", "R27 - Mancanza di investimenti adeguati (per digitalizzazione banche dati, strutture sociali comunali, rete integrata di servizi sociali)", None),
            ("R28", "R28 - Altro (specificare nel campo della relazione in formato libero)", None),
        ],
    ),
    (
        "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il questionario dei fabbisogni standard (R07) inferiore al fabbisogno standard monetario sociale 2022-2024 (R06) e livello di servizi più elevato di quello di riferimento (R04≥R05)",
        "Il livello di spesa dell'ente locale è inferiore al fabbisogno e il livello di servizi convenzionalmente calcolato è non inferiore a quello di riferimento a causa di:",
        [
            ("R29", "R29 - Presenza sul territorio di reti di volontariato/servizi del terzo settore ben sviluppate che forniscono prestazioni che sono integrative rispetto a quelle del servizio sociale del comune", None),
            # the official PDF breaks the page here (seed footers)
            ("R30", "R30 - Gli utenti del comune godono dei servizi erogati interamente/ parzialmente attraverso l'ambito sociale di riferimento", None),
            ("R31", "R31 - Risorse assorbite da utenti/prestazioni relativamente meno costosi", None),
            ("R32", "R32 - La presenza di accreditamenti presso le strutture consente una gestione più efficiente del servizio", None),
            ("R33", "R33 - Altro (specificare nel campo della relazione in formato libero)", None),
        ],
    ),
    (
        "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il questionario dei fabbisogni standard (R07) inferiore al Fabbisogno standard monetario sociale 2022-2024 (R06) e livello di servizi inferiore a quello di riferimento (R04<R05)",
        "Il livello di spesa dell'ente locale è inferiore al fabbisogno e il livello di servizi convenzionalmente calcolato è inferiore a quello di riferimento a causa di:",
        [
            ("R34", "R34 - Scelta dell' amministrazione, dovuta ad una particolare configurazione delle preferenze locali, di destinare le risorse ad altre funzioni", None),
            ("R35", "R35 - Presenza sul territorio di reti di volontariato/dei servizi del terzo settore ben sviluppate che forniscono prestazioni simili sostitutive", None),
            ("R36", "R36 - Difficoltà ad avviare il servizio sociale adeguato a causa della mancanza di personale specializzato quale Assistenti sociali", None),
            ("R37", "R37 - Difficoltà ad avviare il servizio sociale adeguato a causa della mancanza di personale specializzato quale Altro personale qualificato", None),
            ("R38", "R38 - Mancanza/carenza del sistema sociale integrato attraverso l'ambito sociale; mancanza/carenza di accreditamenti presso le strutture private che erogano servizi sociali", None),
            ("R39", "R39 - Altro (specificare nel campo della relazione in formato libero)", None),
        ],
    ),
]

# Narrative sentences (docs/form.md#frasi).
S_RAPPORTO = "Nel {y} per il Comune il numero di assistenti sociali in rapporto alla popolazione è risultato pari a 1 ogni {n} abitanti."
S_NULLO = "Nel {y} per il Comune il numero di assistenti sociali è risultato nullo."
S_LEP = "Va segnalato che nei servizi sociali è attualmente definito {un} LEP relativo al numero di assistenti sociali in rapporto alla popolazione in ogni ambito territoriale sociale (ATS), in ragione di un assistente sociale ogni 5.000 abitanti, nella prospettiva di raggiungere un più avanzato obiettivo di servizio, pari a un assistente ogni 4.000 abitanti (L.178/2020)."
S_LEGGE = "La Legge di bilancio 2022 dispone che le maggiori risorse assegnate per il potenziamento dei servizi sociali comunali nell’ambito del FSC siano utilizzate anche con la finalità di avvicinarsi al LEP sopra richiamato, in modo che venga gradualmente raggiunto l'obiettivo di servizio di un rapporto tra assistenti sociali impiegati nei servizi sociali territoriali e popolazione residente pari a 1 a 6.500."
S_SERV = "Nel {y} il livello di servizio effettivo dell'ente locale è risultato {inf} al livello di servizio di riferimento."
S_SERV_THEN = "L'ente locale deve quindi procedere alla compilazione del Quadro 2 di autodiagnosi della spesa per il sociale."
S_A = "La spesa dell{a}ente locale è risultata non inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali. Invece, il livello dei servizi è risultato inferiore a quello di riferimento. L{a}ente non deve compilare il Quadro 3 degli obiettivi di servizio."
S_B = "La spesa dell'ente locale è risultata non inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali. Anche il livello dei servizi è risultato non inferiore a quello di riferimento. L’ente non deve compilare il Quadro 3 degli obiettivi di servizio."
S_AB_THEN = "L'ente locale può quindi procedere alla compilazione del Quadro 4 di relazione in formato strutturato."
S_C_HEAD = "La spesa dell'ente locale è risultata inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali e il numero di utenti serviti risulta inferiore allo standard di riferimento."
S_D_HEAD = "La spesa dell'ente locale è risultata inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali mentre il numero di utenti serviti risulta non inferiore allo standard di riferimento."
S_CD_TAIL = " Di conseguenza, a fronte delle risorse aggiuntive effettive assegnate per il {y} pari a R08, l'ente locale deve rendicontare l'importo corrispondente a R09 in quanto le risorse aggiuntive da rendicontare non possono superare la differenza tra fabbisogno monetario e spesa storica. L'ente può incrementare l'offerta di servizi attraverso utenti aggiuntivi rispetto al 2019 e/o raggiungere obiettivi qualitativi in termini di significativo miglioramento dei servizi sociali e/o aumentare il numero di assistenti sociali e/o di altre figure professionali."
S_CD_THEN = "L'ente locale deve quindi procedere alla compilazione del Quadro 3 degli obiettivi di servizio {y} e del Quadro 4 di relazione in formato strutturato."
S_Q3_OK = "Nel {y} l'ente locale ha rendicontato la spesa del sociale aggiuntiva coerentemente con le maggiori risorse assegnate."
S_Q3_KO = "Nel {y} l'ente locale non ha rendicontato la spesa del sociale aggiuntiva coerentemente con le maggiori risorse assegnate."
S_Q3_THEN = "L'ente locale può procedere alla compilazione del Quadro 4."


def load(path):
    """The canonical JSON, with decimals kept as written (0.00 stays 0.00)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=Decimal)


def num(v):
    """A number as the portal PDF prints it: decimal comma, no thousands."""
    if v is None:
        return ""
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, int):
        return str(v)
    return str(v).replace(".", ",")


def dec2(v):
    """Two decimals (staff counts, percentages, euro)."""
    if v is None:
        return ""
    return num(Decimal(v).quantize(Decimal("0.01")))


def date_it(iso):
    """2025-03-25T11:18 -> 25/03/2025 11:18"""
    if not iso:
        return ""
    d, t = iso.split("T")
    y, m, dd = d.split("-")
    return f"{dd}/{m}/{y} {t}"


class Form:
    def __init__(self, data, footer_date=None):
        self.d = data
        self.ed = data["edizione"]
        self.y = data["anno"]
        self.soc26 = self.ed == "SOC26"
        ente = data["ente"]
        self.denominazione = ente["denominazione"] or ""
        self.codice = ente["codice"] or ""
        self.data = date_it(ente["data"]) or date_it(footer_date)
        self.title = TITLE.format(ed=self.ed, y=self.y)

    # ------------------------------------------------------------ rules
    def cases(self):
        q1, q2, q3 = self.d["quadro1"], self.d["quadro2"], self.d["quadro3"]
        servizi_inf = Decimal(q1["R04"]) < Decimal(q1["R05"])
        storica = max(Decimal(q2["R07"]["anno_2017"] or 0), Decimal(q2["R07"]["anno_2021"] or 0))
        spesa_inf = storica < Decimal(q2["R06"])
        r09 = q3["R09"]
        q3_due = spesa_inf and r09 is not None and Decimal(r09) >= 1000
        return servizi_inf, spesa_inf, q3_due

    def sentences_r01b(self):
        q1, y = self.d["quadro1"], self.y
        nullo = (q1["R01"]["anno"] or 0) + (q1["R01A"] or 0) == 0
        first = S_NULLO.format(y=y) if nullo else S_RAPPORTO.format(y=y, n=q1["R01B"])
        lep = S_LEP.format(un="un" if self.soc26 else "un solo")
        if nullo or (q1["R01B"] or 0) > 6500:
            lep += " " + S_LEGGE
        return [first, lep]

    def sentences_r04(self):
        servizi_inf, _, _ = self.cases()
        inf = "inferiore" if servizi_inf else "non inferiore"
        return [S_SERV.format(y=self.y, inf=inf), S_SERV_THEN]

    def sentences_q2(self):
        servizi_inf, spesa_inf, q3_due = self.cases()
        y = self.y
        if not spesa_inf and servizi_inf:  # case A
            out = [S_A.format(a="'" if self.soc26 else "’")]
            if not self.soc26:
                out.append(S_AB_THEN)
            return out
        if not spesa_inf:  # case B
            return [S_B, S_AB_THEN]
        head = S_C_HEAD if servizi_inf else S_D_HEAD
        return [head + S_CD_TAIL.format(y=y), S_CD_THEN.format(y=y)]

    def sentences_q3(self):
        _, _, q3_due = self.cases()
        q3 = self.d["quadro3"]
        if q3_due:
            ok = Decimal(q3["R15"] or 0) >= Decimal(q3["R09"])
            out = [(S_Q3_OK if ok else S_Q3_KO).format(y=self.y)]
            if not self.soc26 and ok:
                out.append(S_Q3_THEN)
            return out
        return [] if self.soc26 else [S_Q3_THEN]

    # ------------------------------------------------------------ pages
    def pages(self):
        """[(quadro, band lines, items)] - the 7 pages of the portal PDF."""
        d, y, soc26 = self.d, self.y, self.soc26
        q1, q2, q3, q4 = d["quadro1"], d["quadro2"], d["quadro3"], d["quadro4"]
        h_u19 = "Numero di utenti serviti - 2019"
        h_u = f"Numero di utenti serviti - {y}"
        if soc26:
            h_ore, h_media = f"Totale ore annue di assistenza - {y}", f"Media ore annue di assistenza - {y}"
        else:
            h_ore, h_media = f"Totale annuo ore di assistenza - {y}", f"Media annua ore di assistenza - {y}"

        def code_print(code):
            return {"R0A": "ROA", "R0B": "ROB"}.get(code, code) if soc26 else code

        def user_row(code, typ, hours):
            r = q1[code]
            cols = [(h_u19, num(r["utenti_2019"])), (h_u, num(r["utenti"]))]
            if hours:
                cols += [(h_ore, num(r["ore"])), (h_media, dec2(r["media_ore"]))]
            return ("row", f"{code_print(code)} - Utenti {typ}", cols)

        band1 = ["Autodiagnosi del", "numero di utenti serviti"]
        p1 = [("header", [("Denominazione", self.denominazione),
                          ("Codice indentificativo", self.codice),
                          ("Data ultima modifica", self.data)]),
              ("note", INTRO.format(apo="'" if soc26 else "’"))]
        p2 = []
        for gi, (gname, codes, hours) in enumerate(GROUPS):
            for i, code in enumerate(codes):
                target = p1 if (gi < 1 or (gi == 1 and code != "M41")) else p2
                if i == 0:
                    target.append(("group", gname))
                target.append(user_row(code, TYPES[i], hours and i < 6))
        p2.append(("group", "Totale"))
        p2.append(("row", f"{code_print('R0B')} - TOTALE UTENTI",
                   [(h_u19, num(q1["R0B"]["utenti_2019"])), (h_u, num(q1["R0B"]["utenti"]))]))
        p2.append(("bar", "Informazioni relative all'Ambito Territoriale Sociale (ATS) cui appartiene il Comune"))
        p2.append(("wide", "R0C - Denominazione ATS (fonte: Ministero del Lavoro)", q1["R0C"] or ""))
        p2.append(("wide", "R0D - Ente/Comune capofila dell'ATS (fonte: Ministero del Lavoro)", q1["R0D"] or ""))
        stima = y - 1
        r0e = "NON CALCOLABILE" if q1["R0E"] is None else (
            f"1 assistente sociale ogni: {q1['R0E']} abitanti" if soc26
            else f"1 assistente sociale ogni:  {q1['R0E']} abitanti")
        p2.append(("wide", "R0E - Numero di assistenti sociali in rapporto alla popolazione a livello di ATS "
                   f"(fonte: Stima sulla base delle relazioni di rendicontazione del sociale anno {stima})", r0e))
        p2.append(("bar", "Informazioni relative al Comune"))
        if soc26:
            p2.append(("group", "Informazioni relative agli assistenti sociali"))
        else:
            # the official PDF prints it twice (seeds 000-002)
            p2.append(("group", "Informazioni relative al Comune"))
        p2.append(("row", "R01 - Numero di assistenti sociali in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)",
                   [("2020", dec2(q1["R01"]["anno_2020"])), (str(y), dec2(q1["R01"]["anno"]))]))
        p2.append(("row", "R01A - Numero di assistenti sociali forniti dalla forma associata o dall'ambito territoriale sociale (ATS)",
                   [(str(y), dec2(q1["R01A"]))]))
        p3 = [("row", "R01B - Numero di assistenti sociali in rapporto alla popolazione a livello di Comune [1:R03/(R01+R01A)]",
               [("Abitanti", f"1 assistente ogni : {num(q1['R01B'])}")])]
        r02_cols = [("2020", dec2(q1["R02"]["anno_2020"])), (str(y), dec2(q1["R02"]["anno"]))]
        if soc26:
            p3.append(("sentences", self.sentences_r01b()))
            p3.append(("group", "Informazioni relative alle altre figure professionali"))
            p3.append(("row", "R02 Numero di altre figure professionali (educatori, ecc.) in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)", r02_cols))
            p3.append(("row", "R02X - di cui Numero di psicologi in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)", [(str(y), dec2(q1["R02X"]))]))
            p3.append(("row", "R02Y - di cui Numero di educatori professionali socio-pedagogici in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)", [(str(y), dec2(q1["R02Y"]))]))
            p3.append(("row", "R02A Numero di altre figure professionali (educatori, ecc.) fornite dalla forma associata, dall'ambito territoriale sociale (ATS) o finanziate con gli appositi fondi ministeriali", [(str(y), dec2(q1["R02A"]))]))
        else:
            p3.append(("row", "R02 - Numero di altre figure professionali (educatori, ecc.)", r02_cols))
            p3.append(("sentences", self.sentences_r01b()))
        close = ")" if soc26 else ""
        p3.append(("row", "R03 - Numero di abitanti", [(f"Popolazione residente al 31/12/{y - 1} (Fonte Istat)", num(q1["R03"]))]))
        p3.append(("row", f"R04 - Livello di servizio effettivo {y} (% di utenti serviti rispetto alla popolazione{close}", [(str(y), dec2(q1["R04"]))]))
        p3.append(("row", f"R05 - Livello di servizio di riferimento {y} (% di utenti figurativi standard rispetto alla popolazione)", [(str(y), dec2(q1["R05"]))]))
        p3.append(("sentences", self.sentences_r04()))

        fab = "2025-2027" if soc26 else "2022-2024"
        r07 = ("R07 - Spesa storica calcolata con il questionario dei fabbisogni standard" if soc26
               else "R07 - Spesa storica di riferimento")
        p4 = [("bar", "Autodiagnosi della spesa per il sociale"),
              ("group", "Spesa per il sociale"),
              ("row", f"R06 - Fabbisogno standard monetario sociale {fab}", [(None, dec2(q2["R06"]))]),
              ("row", r07, [("2017", dec2(q2["R07"]["anno_2017"])), ("2021", dec2(q2["R07"]["anno_2021"]))]),
              ("row", f"R08 - Risorse aggiuntive effettive del sociale assegnate per il {y}", [(None, dec2(q2["R08"]))]),
              ("sentences", self.sentences_q2())]

        q3_note = (f"Da compilare solo se il Comune nel quadro 2 presenta una spesa inferiore al fabbisogno standard monetario {fab} e risorse aggiuntive da rendicontare (R09) superiori o uguali a 1.000 euro"
                   if soc26 else
                   "Compilare solo se il Comune nel Quadro 2 presenta una spesa inferiore al fabbisogno standard monetario 2022 - 2024 e risorse aggiuntive da rendicontare (R09) superiori o uguali a 1.000 euro")
        modal = "Modalità di determinazione della spesa aggiuntiva"
        sp = "Spesa aggiuntiva"

        def aggiuntivo(r):
            return [("Numero", dec2(r["numero"])), (modal, r["modalita"] or ""), (sp, dec2(r["spesa"]))]

        r15 = f"R15 - TOTALE OBIETTIVI DI SERVIZIO {y}" if soc26 else f"R15 -TOTALE OBIETTIVI DI SERVIZIO {y}"
        p5 = [("note", q3_note),
              ("bar", f"OBIETTIVI DI SERVIZIO {y}"),
              ("row", f"R09 - Risorse aggiuntive effettive del sociale assegnate per il {y} da rendicontare", [(None, dec2(q3["R09"]))]),
              ("bar", f"OBIETTIVI DI SERVIZIO QUALITATIVI {y}"),
              ("row", "R10 - Assistenti sociali aggiuntivi (per raggiungimento soglia 1:6500 ab.)", aggiuntivo(q3["R10"])),
              ("row", "R11 - Altre figure professionali (educatori, ecc.) aggiuntive", aggiuntivo(q3["R11"])),
              ("row", "R12 - Interventi per un significativo miglioramento dei servizi sociali",
               [(None, q3["R12"]["descrizione"] or ""), (sp, dec2(q3["R12"]["spesa"]))]),
              ("bar", f"OBIETTIVI DI SERVIZIO QUANTITATIVI {y}"),
              ("row", "R13 - Interventi per un aumento del numero degli utenti serviti", [(sp, dec2(q3["R13"]))]),
              ("row", "R14 - Risorse aggiuntive trasferite all'Ambito territoriale sociale o ad altra forma associativa", [(sp, dec2(q3["R14"]))]),
              ("bar", "TOTALE"),
              ("row", r15, [(sp, dec2(q3["R15"]))])]
        s3 = self.sentences_q3()
        if s3:
            p5.append(("sentences", s3))

        band4 = ["Relazione in formato", "strutturato"]
        relazione = q4.get("relazione") or ""
        if soc26:
            p6 = [("bar", "Relazione in formato strutturato")]
            p7 = [("bar", "Relazione in formato libero"),
                  ("free", "R16 - Relazione in formato libero (massimo 6.000 caratteri)", relazione)]
        else:
            risposte = q4.get("risposte") or {}

            def answer(code):
                v = risposte.get(code)
                return "" if v is None else ("SI" if v else "NO")

            p6, p7 = [], []
            target = p6
            for header, intro, questions in SECTIONS:
                target.append(("note", header))
                target.append(("note", intro))
                for code, label, caption in questions:
                    if code == "R30":
                        target = p7
                    target.append(("question", label, answer(code)))
                    if caption:
                        target.append(("caption", caption))
            p7.append(("bar", "Relazione in formato strutturato"))
            p7.append(("bar", "Relazione in formato libero"))
            p7.append(("free", "R40 - Relazione in formato libero (massimo 6.000 caratteri)", relazione))

        return [
            (1, band1, p1), (1, band1, p2), (1, band1, p3),
            (2, ["Autodiagnosi della", "spesa per il sociale"], p4),
            (3, [f"Obiettivi di servizio {y}"], p5),
            (4, band4, p6), (4, band4, p7),
        ]


def words(text):
    return " ".join(text.replace("’", "'").split())


def fixed_texts(form):
    """Every fixed text of the pages (labels, headers, notes, sentences),
    without the form's values."""
    out = [form.title]
    for _, band, items in form.pages():
        out.append(" ".join(band))
        for it in items:
            kind = it[0]
            if kind in ("note", "group", "bar", "caption"):
                out.append(it[1])
            elif kind == "row":
                out.append(it[1])
                out += [h for h, _ in it[2] if h]
            elif kind in ("wide", "question", "free"):
                out.append(it[1])
            elif kind == "sentences":
                out += it[1]
            elif kind == "header":
                out += [k for k, _ in it[1]]
    return out


def check_wording(form, seed_paths):
    """Fail unless every fixed text occurs word for word in one of the seeds."""
    seeds = [words(open(p, encoding="utf-8").read()) for p in seed_paths]
    # the portal page copy (seed 003) puts values and tabs between headers
    missing = [t for t in fixed_texts(form) if not any(words(t) in s for s in seeds)]
    return missing


if __name__ == "__main__":
    import sys
    f = Form(load(sys.argv[1]))
    for t in check_wording(f, sys.argv[2:]):
        print("NOT IN SEEDS:", t)
