// @mention suggestions in message boxes: typing "@ma" lists matching members; Enter or a click
// inserts their profile address. Without this script, typing @address works the same.
(function () {
  if (!window.fetch) return;
  document.querySelectorAll("textarea[data-mentions]").forEach(function (box) {
    var list = document.createElement("ul");
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.parentNode.insertBefore(list, box.nextSibling);
    var items = [], active = 0, timer = null;

    function word() {
      var before = box.value.slice(0, box.selectionStart);
      var match = before.match(/(^|\s)@([\w-]{2,30})$/);
      return match ? match[2] : null;
    }
    function render() {
      list.textContent = "";
      items.forEach(function (member, index) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", index === active ? "true" : "false");
        li.textContent = member.name + " (@" + member.handle + ")";
        li.addEventListener("mousedown", function (event) { event.preventDefault(); insert(member); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
    function insert(member) {
      var start = box.selectionStart, before = box.value.slice(0, start);
      var at = before.lastIndexOf("@");
      box.value = before.slice(0, at) + "@" + member.handle + " " + box.value.slice(start);
      items = []; render(); box.focus();
    }
    box.addEventListener("input", function () {
      clearTimeout(timer);
      var text = word();
      if (!text) { items = []; render(); return; }
      timer = setTimeout(function () {
        fetch("/api/v1/members/suggest/?q=" + encodeURIComponent(text), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { members: [] }; })
          .then(function (data) { items = data.members; active = 0; render(); })
          .catch(function () {});
      }, 150);
    });
    box.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { active = (active + 1) % items.length; render(); event.preventDefault(); }
      else if (event.key === "ArrowUp") { active = (active - 1 + items.length) % items.length; render(); event.preventDefault(); }
      else if (event.key === "Enter") { insert(items[active]); event.preventDefault(); }
      else if (event.key === "Escape") { items = []; render(); }
    });
  });
})();
