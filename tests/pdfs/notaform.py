"""A PDF with ordinary text that is NOT the SOC25/SOC26 form: an invoice
of a social cooperative to a Comune (the same world and some of the same
words - Comune, servizi sociali, ore di assistenza, utenti - but none of the
form's rows), drawn with reportlab in content-stream order.

usage: notaform.py OUT.pdf
"""

import os
import sys

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rlcanvas

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portal import BOLD, REG, register_fonts  # noqa: E402

W, H = 595.28, 841.89

LINES = [
    ("Servizio di assistenza domiciliare anziani (SAD) - marzo 2025", "312 ore", "21,50", "6.708,00"),
    ("Servizio educativo domiciliare minori - marzo 2025", "96 ore", "23,80", "2.284,80"),
    ("Coordinamento del servizio e reportistica mensile", "1", "350,00", "350,00"),
]


def main(out):
    register_fonts()
    c = rlcanvas.Canvas(out, pagesize=(W, H), invariant=1, pageCompression=1)
    c.setTitle("Fattura n. 12/2025")
    c.setAuthor("Cooperativa Sociale Il Ponte")
    c.setCreator("scheda tests/pdfs/notaform.py (reportlab)")
    y = H - 60
    c.setFont(BOLD, 14)
    c.drawString(50, y, "Cooperativa Sociale Il Ponte - Società Cooperativa Sociale ONLUS")
    c.setFont(REG, 9)
    for t in ("Via dei Mille 21, 27100 Pavia (PV) - P.IVA 01234560189",
              "PEC: amministrazione@pec.cooperativailponte.example - Tel. 0382 000000"):
        y -= 13
        c.drawString(50, y, t)
    y -= 40
    c.setFont(BOLD, 11)
    c.drawString(50, y, "FATTURA n. 12/2025 del 02/04/2025")
    c.drawString(330, y, "Spett.le")
    c.setFont(REG, 10)
    for t in ("Comune di Esempio", "Ufficio Servizi Sociali", "Piazza del Municipio 1", "27000 Esempio (PV)"):
        y -= 14
        c.drawString(330, y, t)
    y -= 30
    c.setFont(REG, 9)
    text = ("Oggetto: servizi socio-assistenziali resi nel mese di marzo 2025 in esecuzione del contratto "
            "rep. n. 45/2023 (CIG 0000000000). Gli utenti serviti nel mese sono stati 14; il dettaglio "
            "delle ore di assistenza per utente è disponibile presso l'ufficio.")
    for line in simpleSplit(text, REG, 9, W - 100):
        y -= 12
        c.drawString(50, y, line)
    y -= 30
    c.setFont(BOLD, 9)
    c.drawString(50, y, "Descrizione")
    c.drawRightString(380, y, "Quantità")
    c.drawRightString(460, y, "Prezzo unitario")
    c.drawRightString(545, y, "Importo")
    c.line(50, y - 4, 545, y - 4)
    c.setFont(REG, 9)
    for desc, q, p, imp in LINES:
        y -= 18
        c.drawString(50, y, desc)
        c.drawRightString(380, y, q)
        c.drawRightString(460, y, p)
        c.drawRightString(545, y, imp)
    c.line(50, y - 8, 545, y - 8)
    y -= 26
    for label, value in (("Imponibile", "9.342,80"), ("IVA 5%", "467,14"), ("Totale fattura", "9.809,94")):
        c.setFont(BOLD if label.startswith("Totale") else REG, 9)
        c.drawString(360, y, label)
        c.drawRightString(545, y, value)
        y -= 14
    y -= 20
    c.setFont(REG, 8)
    for t in ("Pagamento: bonifico bancario a 30 giorni data fattura - IBAN IT00 X000 0000 0000 0000 0000 000.",
              "Fattura elettronica trasmessa tramite SdI; la presente copia di cortesia non ha valore fiscale.",
              "Scissione dei pagamenti ai sensi dell'art. 17-ter del DPR 633/1972."):
        c.drawString(50, y, t)
        y -= 11
    c.setFont(REG, 7)
    c.drawRightString(545, 30, "Pagina 1 di 1")
    c.showPage()
    c.save()


if __name__ == "__main__":
    main(sys.argv[1])
