// Polls /status/data and renders members and shards. Read-only: the page needs no admin token.
"use strict";

const REFRESH_MILLIS = 2000;

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function count(value) {
  return value < 0 ? "?" : value.toLocaleString("en-US");
}

function seconds(millis) {
  return (millis / 1000).toFixed(1);
}

function rate(value) {
  return value.toFixed(1);
}

function renderMembers(members) {
  const body = document.querySelector("#members tbody");
  body.replaceChildren();
  for (const member of members) {
    const row = document.createElement("tr");
    row.className = "member";
    row.dataset.address = member.address;
    cell(row, member.address + (member.local ? " (this node)" : ""), member.local ? "local" : "");
    cell(row, String(member.partitions), "num");
    if (member.reachable) {
      cell(row, count(member.dirtyEntries), "num member-dirty");
      cell(row, seconds(member.oldestDirtyAgeMillis), "num");
      cell(row, rate(member.flushRowsPerSecond), "num");
    } else {
      cell(row, "no answer", "bad");
      cell(row, "", "num");
      cell(row, "", "num");
    }
    body.appendChild(row);
  }
}

function renderShards(shards) {
  const body = document.querySelector("#shards tbody");
  body.replaceChildren();
  document.getElementById("no-shards").hidden = shards.length > 0;
  for (const shard of shards) {
    const row = document.createElement("tr");
    row.className = "shard";
    row.dataset.shard = shard.name;
    cell(row, shard.name);
    cell(row, shard.circuit, shard.circuit === "CLOSED" ? "good" : "bad");
    const backlog = cell(row, count(shard.dirtyEntries), "num shard-backlog");
    backlog.dataset.value = String(shard.dirtyEntries);
    if (shard.dirtyEntries > 0) {
      backlog.classList.add("warn");
    }
    cell(row, seconds(shard.oldestDirtyAgeMillis), "num");
    cell(row, count(shard.rowsFlushed), "num");
    cell(row, count(shard.deadLetters), shard.deadLetters > 0 ? "num bad" : "num");
    body.appendChild(row);
  }
}

function renderSummary(data) {
  document.getElementById("cluster-name").textContent = data.clusterName;
  document.getElementById("served-by").textContent = data.servedBy || "?";
  document.getElementById("updated").textContent = new Date(data.generatedAtMillis).toLocaleTimeString();

  const summary = document.getElementById("summary");
  summary.replaceChildren();
  const parts = [
    { label: "Members: ", value: String(data.members.length), id: "member-count" },
    { label: "State: ", value: data.clusterState, className: data.clusterState === "ACTIVE" ? "good" : "warn" },
    { label: "Cluster safe: ", value: data.clusterSafe ? "yes" : "no", className: data.clusterSafe ? "good" : "bad" },
    { label: "Flush rate: ", value: rate(data.flushRowsPerSecond) + " rows/s", id: "flush-rate" },
  ];
  if (data.migrations && data.migrations.inProgress) {
    parts.push({ label: "Migrations remaining: ", value: String(data.migrations.remaining), className: "warn" });
  }
  parts.forEach((part, index) => {
    if (index > 0) {
      summary.appendChild(document.createTextNode(" · "));
    }
    summary.appendChild(document.createTextNode(part.label));
    const span = document.createElement("span");
    span.textContent = part.value;
    if (part.id) {
      span.id = part.id;
    }
    if (part.className) {
      span.className = part.className;
    }
    summary.appendChild(span);
  });
}

async function refresh() {
  const error = document.getElementById("error");
  try {
    const response = await fetch("/status/data", { cache: "no-store" });
    if (!response.ok) {
      throw new Error("GET /status/data returned HTTP " + response.status);
    }
    const data = await response.json();
    renderSummary(data);
    renderMembers(data.members);
    renderShards(data.shards);
    error.hidden = true;
  } catch (failure) {
    error.textContent = "Update failed: " + failure.message + ". Retrying.";
    error.hidden = false;
  }
}

refresh();
setInterval(refresh, REFRESH_MILLIS);
