"""An HTML page resembling the IFEL portal page of a SOC25 form (seed 004 is
a copy of it: `Comune SONDRIO (SO)`, the column headers once above the user
rows, each row's values after its label, U+2010 hyphens after the codes,
NBSP between the words of some sentences, euro amounts with dotted
thousands, integer mean hours), for printing with headless Chromium.

Only the wording seed 004 shows is known: spending not below need and
service level not below the reference (case B), Quadro 3 left out, Quadro 4
section 1.  Other cases stop with an error rather than invent wording.

usage: html_ifel.py FORM.json OUT.html
"""

import argparse
import html
import os
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import form as formmod  # noqa: E402

HY = "\u2010"   # the page's hyphen after the row codes
NB = "\u00a0"

CSS = """
@page { size: A4 portrait; margin: 12mm 12mm 14mm 12mm; }
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 9pt; color: #222; margin: 0; }
.comune { font-size: 12pt; font-weight: bold; color: #8a1c1c; margin: 0 0 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 6px 0; }
td, th { border: 1px solid #c9c9c9; padding: 2px 5px; vertical-align: middle; }
th { background: #efefef; font-weight: normal; font-size: 8pt; text-align: center; width: 78px; }
td.n { text-align: right; width: 78px; }
td.sez { background: #8a1c1c; color: #fff; font-weight: bold; }
.titq { background: #8a1c1c; color: #fff; font-weight: bold; padding: 3px 6px; margin: 10px 0 4px 0; }
.info { font-weight: bold; color: #8a1c1c; }
p { margin: 4px 0; }
.box { border: 1px solid #c9c9c9; background: #fafafa; padding: 4px 6px; margin: 4px 0 8px 0; }
td.sn { width: 34px; text-align: center; font-weight: bold; }
td.code { width: 34px; font-weight: bold; }
textarea { width: 100%; height: 60px; font: inherit; }
.nota { border: 1px solid #d9b44a; background: #fff8e1; padding: 4px 6px; margin-top: 10px; }
"""


def e(s):
    return html.escape(s or "", quote=False)


def plain(v):
    """A count or staff number: integral values without decimals."""
    if v is None:
        return ""
    d = Decimal(v)
    if d == d.to_integral_value():
        return str(int(d))
    return str(d).replace(".", ",")


def euro(v):
    if v is None:
        return ""
    q = Decimal(v).quantize(Decimal("0.01"))
    whole, frac = f"{q:.2f}".split(".")
    neg = whole.startswith("-")
    whole = whole.lstrip("-")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return ("-" if neg else "") + ".".join(groups) + "," + frac


def dec(v):
    return "" if v is None else str(v).replace(".", ",")


def nbsp(text):
    return text.replace(" ", NB)


def render(d):
    if d["edizione"] != "SOC25":
        raise SystemExit("html_ifel.py: only the SOC25 IFEL page is known")
    f = formmod.Form(d)
    servizi_inf, spesa_inf, _ = f.cases()
    if servizi_inf or spesa_inf:
        raise SystemExit("html_ifel.py: only case B (seed 004) has known IFEL wording")
    q1, q2, q4 = d["quadro1"], d["quadro2"], d["quadro4"]
    y = d["anno"]
    ente = d["ente"]
    name = ente["denominazione"] or ""
    prov = f" ({ente['provincia']})" if ente.get("provincia") else ""
    P = ["<!DOCTYPE html>", '<html lang="it"><head><meta charset="utf-8">',
         f"<title>Relazione sociale {y} - Comune {e(name)}</title>",
         f"<style>{CSS}</style></head><body>"]
    P.append(f'<div class="comune">Comune {e(name)}{e(prov)}</div>')

    # Quadro 1: one table, headers once above the user rows
    P.append("<table>")
    P.append(f"<tr><td></td><th>N° di utenti serviti 2019</th><th>N° di utenti serviti {y}</th>"
             f"<th>Totale annuo ore di assistenza {y}</th><th>Media annua ore di assistenza {y}</th></tr>")
    groups = [("INTERVENTI E SERVIZI", formmod.GROUPS[0]), ("CONTRIBUTI ECONOMICI", formmod.GROUPS[1]),
              ("STRUTTURE", formmod.GROUPS[2])]
    for title, (_, codes, hours) in groups:
        P.append(f'<tr><td class="sez" colspan="5">{title}</td></tr>')
        for i, code in enumerate(codes):
            r = q1[code]
            vals = [plain(r["utenti_2019"]), plain(r["utenti"])]
            if hours and i < 6:
                vals += [plain(r["ore"]), plain(r["media_ore"])]
            cells = "".join(f'<td class="n">{v}</td>' for v in vals)
            cells += '<td class="n"></td>' * (4 - len(vals))
            P.append(f"<tr><td>{code} {HY} Utenti {e(formmod.TYPES[i])}</td>{cells}</tr>")
    r = q1["R0B"]
    P.append(f'<tr><td><b>R0B {HY} TOTALE UTENTI</b></td><td class="n">{plain(r["utenti_2019"])}</td>'
             f'<td class="n">{plain(r["utenti"])}</td><td class="n"></td><td class="n"></td></tr>')
    P.append("</table>")

    P.append('<table><tr><td colspan="2" class="info">'
             + nbsp("Informazioni relative all'Ambito territoriale sociale (ATS) cui appartiene il Comune")
             + NB + "</td></tr>")
    P.append(f"<tr><td>R00C {HY} Denominazione ATS (fonte:Ministero del Lavoro)</td><td>{e(q1['R0C'])}</td></tr>")
    P.append(f"<tr><td>R00D {HY} Ente/Comune capofila dell'ATS (fonte:Ministero del Lavoro)</td><td>{e(q1['R0D'])}</td></tr>")
    r0e = "NON CALCOLABILE" if q1["R0E"] is None else f"1 assistente sociale ogni: {q1['R0E']} abitanti"
    P.append(f"<tr><td>R00E {HY} Numero di assistenti sociali in rapporto alla popolazione a livello di ATS "
             f"<br>(fonte: Stima sulla base delle relazioni di rendicontazione del sociale anno {y - 1}) </td>"
             f'<td style="width:120px">{r0e}</td></tr></table>')

    P.append('<table><tr><td class="info">' + nbsp("Informazioni relative al Comune")
             + f'</td><th>2020</th><th>{y}</th></tr>')
    P.append(f"<tr><td>R01 {HY} Numeri di assistenti sociali in forza al Comune (con qualsiasi forma "
             f"contrattuale, anche mediante esternalizzazione)</td>"
             f'<td class="n">{plain(q1["R01"]["anno_2020"])}</td><td class="n">{plain(q1["R01"]["anno"])}</td></tr>')
    P.append(f"<tr><td>R01A {HY} Numeri di assistenti sociali forniti dalla forma associata o dall'ambito "
             f'territoriale sociale (ATS)</td><td class="n"></td><td class="n">{plain(q1["R01A"])}</td></tr>')
    P.append(f"<tr><td>R01B {HY} Numeri di assistenti sociali in rapporto alla popolazione a livello di Comune "
             f'<br>&nbsp; [1:R03/(R01+R01A)] </td><td class="n"></td><td class="n">1:{q1["R01B"]}</td></tr>')
    P.append("</table>")
    s_r01b = f.sentences_r01b()
    P.append(f'<div class="box"><p>{e(" ".join(s_r01b))}</p></div>')
    P.append(f"<table><tr><td>R02 {HY} Numero di altre figure professionali(educatori, ecc.)</td>"
             f'<td class="n">{plain(q1["R02"]["anno_2020"])}</td><td class="n">{plain(q1["R02"]["anno"])}</td></tr>'
             f'<tr><td></td><th colspan="2">{y}</th></tr>'
             f'<tr><td>R03 {HY} Numero di abitanti {y}</td><td class="n" colspan="2">{plain(q1["R03"])}</td></tr>'
             f"<tr><td>R04 {HY} Livello di Servizio {y}<br>(% di utenti serviti rispetto alla popolazione)</td>"
             f'<td class="n" colspan="2">{dec(q1["R04"])}</td></tr>'
             f"<tr><td>R05 {HY} Livello di servizio di riferimento {y}<br>(% di utenti figurativi standard "
             f'rispetto alla popolazione)</td><td class="n" colspan="2">{dec(q1["R05"])}</td></tr></table>')
    P.append('<div class="box">'
             f"<p>Nel {y} il livello di servizio effettivamente erogato dall'ente locale è risultato NON "
             "inferiore al livello di servizio di riferimento.</p>"
             "<p>L'ente locale deve quindi procedere alla compilazione del quadro 2 di autodiagnosi della "
             "spesa per il sociale.</p></div>")

    # Quadro 2
    fab = "2022" + HY + "2024"
    P.append(f'<div class="titq">QUADRO 2 {HY} AUTODIAGNOSI DELLA SPESA PER IL SOCIALE </div>')
    P.append(f'<table><tr><td>R06 {HY} Fabbisogno standard monetario sociale {fab}</td>'
             f'<td class="n" colspan="2">{euro(q2["R06"])}</td></tr>'
             '<tr><td></td><th>2017</th><th>2021</th></tr>'
             f'<tr><td>R07 {HY} Spesa storica di riferimento</td><td class="n">{euro(q2["R07"]["anno_2017"])}</td>'
             f'<td class="n">{euro(q2["R07"]["anno_2021"])}</td></tr>'
             f'<tr><td>R08 {HY} Risorse aggiuntive effettive del sociale assegnate per il {y}</td>'
             f'<td class="n" colspan="2">{euro(q2["R08"])}</td></tr></table>')
    P.append('<div class="box"><p>'
             + nbsp("La spesa dell'ente locale è risultata non inferiore al livello del fabbisogno standard per la funzione del sociale.")
             + "<br>" + nbsp("Anche il livello dei servizi è risultato non inferiore a quello di riferimento.")
             + "<br>" + nbsp("L’ente non deve compilare il Quadro 3  degli obiettivi di servizio.")
             + "</p><p>"
             + nbsp("L'ente locale può quindi procedere alla compilazione del Quadro 4 di relazione in formato strutturato.")
             + "</p></div>")

    # Quadro 4, section 1
    risposte = q4.get("risposte") or {}

    def sn(code):
        v = risposte.get(code)
        return "" if v is None else ("SI" if v else "NO")

    P.append(f'<div class="titq">4 {HY} QUADRO DELLA RELAZIONE IN FORMATO STRUTTURATO</div>')
    P.append("<p>Il livello di spesa dell’ente locale è risultato non inferiore al livello del fabbisogno per la "
             "funzione del sociale e il livello dei servizi convenzionalmente calcolato risulta superiore a quello "
             "di riferimento a causa di:</p>")
    P.append("<table>")
    P.append(f'<tr><td class="code">R16</td><td class="sn">{sn("R16")}</td><td></td></tr>'
             '<tr><td colspan="3">Scelta di amministrazione, dovuta ad una particolare configurazione delle '
             "preferenze locali, di destinare maggiori risorse ai servizi sociali </td></tr>")
    P.append('<tr><td colspan="3"><i>Scelta di amministrazione di investire maggiori risorse per fornire i servizi '
             "sociali di maggiore qualità, quali:</i></td></tr>")
    labels = [("R17", "Personale maggiormente qualificato "),
              ("R18", "Numero assistenti sociali e altre figure professionali in termini pro capite più alto   "),
              ("R19", "Presenza e mantenimento delle strutture sociali di proprietà comunale destinati ai servizi sociali "),
              ("R20", "Digitalizzazione dei servizi sociali "),
              ("R21", "Sviluppo della rete territoriale integrata con l'ambito sociale di riferimento, comuni vicini, volontariato e terzo settore"),
              ("R22", "Altro (specificare nel campo della relazione in formato libero)")]
    for code, label in labels:
        P.append(f'<tr><td class="code">{code}</td><td class="sn">{sn(code)}</td><td>{e(label)}</td></tr>')
    P.append("</table>")
    P.append(f"<p><b>R40 {HY} RELAZIONE IN FORMATO LIBERO (massimo 6.000 caratteri)</b></p>")
    P.append(f"<textarea>{e(q4.get('relazione') or '')}</textarea>")
    P.append('<div class="nota"><p><b>NOTA BENE</b><br>'
             "Il raggiungimento dell’obiettivo di servizio deve essere certificato attraverso la compilazione della "
             "relazione di monitoraggio da allegare al rendiconto annuale dell’ente e da trasmettere a SOGEI S.p.a. "
             f"entro il 31 maggio {y + 1}. Cambiando lo stato della relazione in \"Fine processo e invio a SOGEI\" questa "
             "relazione di rendicontazione verrà considerata definitiva, non sarà più modificabile e sarà inviata alla "
             "SOGEI S.p.a. per chiudere l’iter amministrativo entro i prossimi giorni. </p>"
             "<p><b>ATTENZIONE:</b></p><p>I messaggi di supporto per la rendicontazione si aggiornano</p>"
             "<p>solo dopo aver salvato i dati inseriti.</p>"
             "<p><b>ASSISTENZA:</b></p><p>È possibile contattare l’assistenza tecnica IFEL</p>"
             f"<p>Via e{HY}mail:   infosociale@fondazioneifel.it</p>"
             f"<p>Via telefono: 06{HY}88816323 (lun {HY} ven 9:30{HY}16:30) </p></div>")
    P.append("</body></html>")
    return "\n".join(P) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("out")
    a = ap.parse_args()
    with open(a.out, "w", encoding="utf-8") as fh:
        fh.write(render(formmod.load(a.json)))


if __name__ == "__main__":
    main()
