// Lex Heller – the only script, served by the app itself (CSP script-src 'self'). Every page works without it.
"use strict";

// The main menu: on a narrow screen (the CSS decides when) the links fold behind one "Meny" button.
// Without this script the button stays hidden and the list is always open.
function initMainMenu() {
    const nav = document.querySelector("nav.main-nav");
    const button = nav && nav.querySelector(".menu-toggle");
    if (!button) return;
    nav.classList.add("main-nav-collapsible");
    button.hidden = false;
    button.addEventListener("click", () => {
        button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
    });
    // Escape closes an open menu and gives focus back to its button.
    nav.addEventListener("keydown", event => {
        if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
        button.setAttribute("aria-expanded", "false");
        button.focus();
    });
}

document.addEventListener("DOMContentLoaded", () => {
    initMainMenu();
});
