#!/usr/bin/env python3
"""Generates the sample innovation-case documents in seeds/cases/ and seeds/cases/manifest.csv.

Reads seeds/entries.csv and seeds/units.csv; for each case entry (赛道 创新案例) writes a small Word document
(.docx, hand-made with zipfile: a heading, a few paragraphs of Chinese text and one small embedded PNG, i.e.
图文并茂) or, for a few entries, a tiny hand-written PDF. Files are named "单位名称+作品名称.docx" as the naming rule
asks, except one deliberately misnamed (AL-007, title only) so the checklist shows a failure. AL-025 gets no
document (its status stays 未提交). Deterministic: fixed zip timestamps, so re-running changes nothing.

Usage: python3 tools/gen_cases.py   (from the repository root; standard library only)
"""
import csv, io, os, struct, zipfile, zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "seeds", "cases")
PDF_CODES = {"AL-005", "AL-013", "AL-020"}
MISNAMED = {"AL-007"}
NO_DOCUMENT = {"AL-025"}
STAMP = (2025, 6, 18, 9, 0, 0)


def png(w=48, h=32):
    """A small PNG: a blue-to-green gradient with a white bar (a 'chart')."""
    rows = b""
    for y in range(h):
        row = b"\x00"
        for x in range(w):
            if h // 3 <= y < h // 3 + 4 and x < w * 2 // 3:
                row += bytes((255, 255, 255))
            else:
                row += bytes((30, 90 + x * 3 % 160, 200 - y * 3))
        rows += row
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraphs(unit, title, presenter):
    return [
        f"一、案例背景：{unit}长期坚持“质量第一”，围绕“{title}”开展系统攻关。",
        "二、主要做法：建立覆盖设计、采购、制造、检验和服务的全过程质量管控体系，运用数字化手段实时采集关键质量数据，"
        "对异常波动实行分级预警和闭环改进。",
        "三、创新点：以数据驱动替代经验判断，形成可复制、可推广的质量管理方法，相关标准已在行业内交流推广。",
        "四、实施成效：一次交检合格率由 96.2% 提升至 99.5%，顾客投诉下降 38%，年节约质量损失成本约 420 万元。",
        f"五、推广价值：该案例为同类企业提供了质量提升的实践路径。案例执笔：{presenter}。",
    ]


def docx(unit, title, presenter):
    body = [f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t>{esc(title)}</w:t></w:r></w:p>',
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{esc(unit)}</w:t></w:r></w:p>']
    for p in paragraphs(unit, title, presenter)[:2]:
        body.append(f"<w:p><w:r><w:t>{esc(p)}</w:t></w:r></w:p>")
    cx, cy = 48 * 9525 * 4, 32 * 9525 * 4
    body.append(
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="%d" cy="%d"/><wp:docPr id="1" name="图1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="1" name="chart.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rIdImg1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>' % (cx, cy, cx, cy))
    body.append('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>图1 关键质量指标趋势</w:t></w:r></w:p>')
    for p in paragraphs(unit, title, presenter)[2:]:
        body.append(f"<w:p><w:r><w:t>{esc(p)}</w:t></w:r></w:p>")
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
                'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                '<w:body>' + "".join(body) + '<w:sectPr/></w:body></w:document>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdImg1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
            '</Relationships>',
        "word/document.xml": document,
        "word/media/image1.png": png(),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def pdf(unit, title, presenter):
    """A one-page PDF with Chinese text in the Adobe standard CJK font STSong-Light (UniGB-UCS2-H, no embedding)."""
    def hexs(s):
        return "<" + s.encode("utf-16-be").hex().upper() + ">"
    lines = [title, unit] + [p[:34] for p in paragraphs(unit, title, presenter)]
    content = "BT /F1 16 Tf 50 780 Td " + hexs(lines[0]) + " Tj ET\n"
    y = 750
    for i, l in enumerate(lines[1:]):
        content += f"BT /F1 {12 if i else 13} Tf 50 {y} Td {hexs(l)} Tj ET\n"
        y -= 24
    content += "0.2 0.5 0.8 rg 50 560 300 60 re f\n"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content.encode('ascii'))} >>\nstream\n{content}endstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>",
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode("ascii")
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode("ascii")
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return out


def main():
    with open(os.path.join(ROOT, "seeds", "entries.csv"), encoding="utf-8-sig") as f:
        entries = [r for r in csv.DictReader(f) if r["赛道"] == "创新案例"]
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith((".docx", ".pdf")):
            os.remove(os.path.join(OUT, old))
    manifest = []
    for e in entries:
        code, title, unit = e["作品编号"], e["作品名称"], e["参赛单位"]
        if code in NO_DOCUMENT:
            continue
        ext = ".pdf" if code in PDF_CODES else ".docx"
        name = (title if code in MISNAMED else f"{unit}+{title}") + ext
        data = pdf(unit, title, e["演讲者"]) if ext == ".pdf" else docx(unit, title, e["演讲者"])
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        manifest.append((code, name))
    with open(os.path.join(OUT, "manifest.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["作品编号", "文件名"])
        w.writerows(manifest)
    total = sum(os.path.getsize(os.path.join(OUT, n)) for _, n in manifest)
    print(f"{len(manifest)} documents, {total} bytes in {OUT}")


if __name__ == "__main__":
    main()
