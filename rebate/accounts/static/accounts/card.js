// The simulated IC card reader in the browser (see rebate/accounts/cardauth.py).
//
// 插卡: the e-port's key file (ckts-card-1) is unlocked with the card's PIN (PBKDF2-SHA256 →
// AES-256-GCM) and its ECDSA P-256 key imported non-extractable. The CryptoKey stays in this
// browser's IndexedDB (structured clone keeps it non-extractable), so every page, tab and
// frame of the shell sees the same inserted card until 拔卡 or 退出. The server only ever
// receives signatures: of a fresh challenge for actions that need the card, of the package
// digest for 申报.
(() => {
  "use strict";
  const DB = "ckts-card-reader", STORE = "cards", SLOT = "inserted";
  const CHALLENGE = "ckts-card-challenge-1;", PACKAGE = "ckts-c14n-1;SHA256;";
  const NOT_SECURE = "IC卡/Ikey功能需要安全连接：请使用 HTTPS，或在本机以 127.0.0.1 / localhost 访问";
  const BAD_FILE = "卡文件格式错误：请选择电子口岸发放的IC卡文件";
  const channel = "BroadcastChannel" in window ? new BroadcastChannel("ckts-card") : null;
  const utf8 = new TextEncoder();
  const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const toB64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)));

  class PinError extends Error {}

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function run(mode, action) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => { db.close(); resolve(request.result); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    });
  }

  function secure() {
    return window.isSecureContext && window.crypto && crypto.subtle;
  }

  function parse(text) {
    let file;
    try { file = JSON.parse(text); } catch (e) { throw new Error(BAD_FILE); }
    if (!file || file.format !== "ckts-card-1" || !file.card_no || !file.kdf || !file.cipher) {
      throw new Error(BAD_FILE);
    }
    return file;
  }

  async function unlock(file, pin) {
    if (!secure()) throw new Error(NOT_SECURE);
    const base = await crypto.subtle.importKey("raw", utf8.encode(pin), "PBKDF2", false, ["deriveKey"]);
    const aes = await crypto.subtle.deriveKey(
      { name: "PBKDF2", hash: "SHA-256", salt: fromB64(file.kdf.salt), iterations: file.kdf.iterations },
      base, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
    let pkcs8;
    try {
      pkcs8 = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromB64(file.cipher.iv), additionalData: utf8.encode(file.card_no) },
        aes, fromB64(file.private_key));
    } catch (e) {
      throw new PinError("PIN");
    }
    return crypto.subtle.importKey("pkcs8", pkcs8, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  }

  const reader = {
    PinError,
    async current() {
      if (!window.indexedDB) return null;
      return (await run("readonly", (s) => s.get(SLOT))) || null;
    },
    // 插卡: returns the card number; a wrong PIN throws PinError and inserts nothing.
    async insert(text, pin) {
      const file = parse(text);
      const key = await unlock(file, pin);
      await run("readwrite", (s) => s.put({ card_no: file.card_no, key, file }, SLOT));
      announce();
      return file.card_no;
    },
    // The PIN again for the inserted card (sign-in asks for it every time).
    async checkPin(pin) {
      const card = await reader.current();
      if (!card) return null;
      await unlock(card.file, pin);
      return card;
    },
    async eject() {
      if (window.indexedDB) await run("readwrite", (s) => s.delete(SLOT));
      announce();
    },
    // The card signs only challenges and package digests, never arbitrary text.
    async sign(text) {
      if (!text.startsWith(CHALLENGE) && !text.startsWith(PACKAGE)) throw new Error("拒绝签名");
      const card = await reader.current();
      if (!card) return null;
      const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, card.key, utf8.encode(text));
      return { card_no: card.card_no, text, signature: toB64(signature) };
    },
  };
  window.cardReader = reader;

  function announce() {
    if (channel) channel.postMessage("changed");
    showCard();
  }

  async function showCard() {
    let card = null;
    try { card = await reader.current(); } catch (e) { card = null; }
    document.querySelectorAll("[data-card-badge]").forEach((el) => {
      el.textContent = card ? `已插卡 ${card.card_no}` : "未插卡";
      el.closest("[data-card-state]")?.setAttribute("data-card-state", card ? "inserted" : "none");
    });
    document.querySelectorAll("[data-card-inserted]").forEach((el) => { el.hidden = !card; });
    document.querySelectorAll("[data-card-absent]").forEach((el) => { el.hidden = !!card; });
  }
  if (channel) channel.onmessage = showCard;

  function csrf(form) {
    const input = form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input) return input.value;
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  async function challenge(form) {
    const response = await fetch(form.dataset.challengeUrl || "/accounts/card/challenge/", {
      method: "POST", headers: { "X-CSRFToken": csrf(form) }, credentials: "same-origin",
    });
    if (!response.ok) throw new Error(`challenge ${response.status}`);
    return (await response.json()).text;
  }

  function put(form, name, value) {
    let input = form.querySelector(`input[type="hidden"][name="${name}"]`);
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden"; input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  async function attachSignature(form) {
    const digest = form.dataset.cardDigest;
    const card = await reader.current();
    if (!card) return;  // no card: the server refuses with the manual's message
    const signed = await reader.sign(digest ? PACKAGE + digest : await challenge(form));
    put(form, "card_no", signed.card_no);
    put(form, "card_text", signed.text);
    put(form, "card_signature", signed.signature);
  }

  // Forms whose action needs the card (data-card): signed just before they are sent.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-card")) return;
    if (form.dataset.cardSigned === "1") { delete form.dataset.cardSigned; return; }
    event.preventDefault();
    const submitter = event.submitter;
    attachSignature(form).catch(() => {}).finally(() => {
      form.dataset.cardSigned = "1";
      if (submitter && submitter.form === form) form.requestSubmit(submitter); else form.requestSubmit();
    });
  });

  function readFile(input) {
    const file = input && input.files && input.files[0];
    return file ? file.text() : Promise.resolve(null);
  }

  function say(el, text) {
    if (!el) return;
    el.textContent = text;
    el.hidden = !text;
  }

  // The reader panel of the IC card page: 插卡 (key file + PIN) and 拔卡.
  function readerPanel() {
    const panel = document.getElementById("card-reader");
    if (!panel) return;
    const error = document.getElementById("card-insert-error");
    if (!secure()) say(error, NOT_SECURE);
    document.getElementById("card-insert")?.addEventListener("click", async () => {
      say(error, "");
      const pin = document.getElementById("card-pin");
      try {
        const text = await readFile(document.getElementById("card-file"));
        if (!text) { say(error, "请选择IC卡文件"); return; }
        await reader.insert(text, pin.value);
      } catch (e) {
        say(error, e instanceof PinError ? panel.dataset.wrongPin : e.message);
      } finally {
        pin.value = "";
      }
    });
    document.getElementById("card-eject")?.addEventListener("click", () => reader.eject());
  }

  // 卡介质登录: the PIN every time, the key file only when no card is inserted yet.
  function loginForm() {
    const form = document.getElementById("card-login-form");
    if (!form) return;
    const error = document.getElementById("card-login-error");
    if (!secure()) say(error, NOT_SECURE);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const pin = document.getElementById("card-pin");
      try {
        const text = await readFile(document.getElementById("card-file"));
        let card;
        if (text) {
          const file = parse(text);
          put(form, "card_no", file.card_no);
          await reader.insert(text, pin.value);
          card = await reader.current();
        } else {
          card = await reader.current();
          if (card) put(form, "card_no", card.card_no);
          if (card) await reader.checkPin(pin.value);
        }
        if (card) {
          const signed = await reader.sign(await challenge(form));
          put(form, "card_text", signed.text);
          put(form, "card_signature", signed.signature);
        }
      } catch (e) {
        if (!(e instanceof PinError)) { say(error, e.message); pin.value = ""; return; }
        put(form, "pin_failed", "1");  // counted by the server like a wrong password
      }
      pin.value = "";
      form.submit();
    });
  }

  // 退出 also pulls the card: the key was imported for this session only.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-card-eject")) return;
    if (form.dataset.ejected === "1") return;
    event.preventDefault();
    reader.eject().catch(() => {}).finally(() => { form.dataset.ejected = "1"; form.requestSubmit(); });
  });

  // A package waiting for its signature is signed as soon as the page shows it (once).
  async function autoSign() {
    const form = document.querySelector("form[data-card-autosign]");
    if (!form || !(await reader.current())) return;
    const key = `ckts-autosign:${form.dataset.cardDigest}`;
    if (sessionStorage.getItem(key)) return;
    sessionStorage.setItem(key, "1");
    form.requestSubmit();
  }

  document.addEventListener("DOMContentLoaded", () => {
    showCard();
    readerPanel();
    loginForm();
    autoSign().catch(() => {});
  });
})();
