// Saves a file the page built on a click (CsvDownload.SaveAsync): base64 content, a file name, a MIME type.
window.judgingDownload = (name, base64, type) => {
  const a = document.createElement("a");
  a.href = `data:${type};base64,${base64}`;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
};
