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

// Utlämnande: text selected in a case's own text fills the mask form's passage and picks the field it came from.
// Without this script the kansli copies the passage into the form by hand.
function initMaskSelection() {
    document.querySelectorAll(".disclosure-source[data-for]").forEach(source => {
        const prefix = source.getAttribute("data-for");
        const passage = document.getElementById(prefix + "-passage");
        const field = document.getElementById(prefix + "-field");
        if (!passage || !field) return;
        source.addEventListener("mouseup", () => {
            const selection = window.getSelection();
            if (!selection || selection.isCollapsed) return;
            const anchor = selection.anchorNode && selection.anchorNode.parentElement && selection.anchorNode.parentElement.closest("dd[data-field]");
            const focus = selection.focusNode && selection.focusNode.parentElement && selection.focusNode.parentElement.closest("dd[data-field]");
            if (!anchor || anchor !== focus) return;
            passage.value = selection.toString();
            field.value = anchor.getAttribute("data-field");
        });
    });
}

document.addEventListener("DOMContentLoaded", () => {
    initMainMenu();
    initMaskSelection();
});
