// The managers' dashboard. The page carries its figures (the JSON block #measures), computed by the
// same service as /api/insight/measures and its CSV, so the page and the API always agree.
(function () {
  const data = id => JSON.parse(document.getElementById(id).textContent);
  // The French labels of the codes, from messages_fr.properties (the JSON block #labels, keyed "interval.<name>",
  // "complianceRule.<rule>", "stage.<stage>"): the code itself when one has none.
  const LABELS = data('labels') || {};
  const label = (code, prefix) => LABELS[prefix + '.' + code] || code;

  try {
    draw(data('measures'));
  } catch (error) {
    document.getElementById('error').textContent = 'Affichage impossible : ' + error.message;
  }

  function draw(measures) {
    // Dates of the network (Paris), whatever the browser's zone; the period's end is exclusive.
    const day = date => date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
    const from = day(new Date(measures.filters.from));
    const to = day(new Date(new Date(measures.filters.to).getTime() - 1));
    document.getElementById('period').textContent = 'Demandes reçues du ' + from + ' au ' + to;

    new Chart(document.getElementById('trend'), {
      type: 'bar',
      data: {
        labels: measures.monthly.map(m => m.month),
        datasets: [
          { label: 'Reçues', data: measures.monthly.map(m => m.received), backgroundColor: '#4c78a8' },
          { label: 'Clôturées', data: measures.monthly.map(m => m.closed), backgroundColor: '#9ecae9' }
        ]
      }
    });

    new Chart(document.getElementById('intervals'), {
      type: 'bar',
      data: {
        labels: measures.intervals.map(i => label(i.name, 'interval')),
        datasets: [
          { label: 'Médiane', data: measures.intervals.map(i => i.medianDays), backgroundColor: '#54a24b' },
          { label: '90e percentile', data: measures.intervals.map(i => i.p90Days), backgroundColor: '#eeca3b' },
          { label: 'Objectif', data: measures.intervals.map(i => i.targetDays), backgroundColor: '#e45756' }
        ]
      },
      options: { indexAxis: 'y' }
    });

    const gauges = document.getElementById('gauges');
    measures.compliance.forEach(rule => {
      const box = document.createElement('div');
      box.className = 'gauge';
      const canvas = document.createElement('canvas');
      box.appendChild(canvas);
      const caption = document.createElement('p');
      const rate = rule.rate === null ? null : Math.round(rule.rate * 100);
      caption.textContent = label(rule.rule, 'complianceRule') + ' : ' + (rate === null ? '—' : rate + ' %')
        + ' (' + rule.compliant + '/' + rule.eligible + ')';
      box.appendChild(caption);
      gauges.appendChild(box);
      new Chart(canvas, {
        type: 'doughnut',
        data: { labels: ['Oui', 'Non'], datasets: [{
          data: [rule.compliant, rule.eligible - rule.compliant], backgroundColor: ['#54a24b', '#e45756'] }] },
        options: { circumference: 180, rotation: 270, plugins: { legend: { display: false } } }
      });
    });

    new Chart(document.getElementById('wip'), {
      type: 'bar',
      data: {
        labels: measures.workInProgress.byStage.map(s => label(s.value, 'stage')),
        datasets: [{ label: 'Dossiers', data: measures.workInProgress.byStage.map(s => s.count),
          backgroundColor: '#72b7b2' }]
      }
    });
    new Chart(document.getElementById('tasks'), {
      type: 'bar',
      data: {
        labels: measures.tasks.map(t => t.name),
        datasets: [
          { label: 'Attente (médiane)', data: measures.tasks.map(t => t.waitingMedianHours), backgroundColor: '#4c78a8' },
          { label: 'Attente (90e percentile)', data: measures.tasks.map(t => t.waitingP90Hours),
            backgroundColor: '#9ecae9' },
          { label: 'Traitement (médiane)', data: measures.tasks.map(t => t.workingMedianHours),
            backgroundColor: '#54a24b' },
          { label: 'Objectif', data: measures.tasks.map(t => t.targetHours), backgroundColor: '#e45756' }
        ]
      },
      options: { indexAxis: 'y' }
    });

    // Each measured figure with a target: how many referrals or tasks went over it.
    const rows = measures.intervals.filter(i => i.targetDays !== undefined && i.targetDays !== null)
      .map(i => [label(i.name, 'interval') + ' (objectif ' + i.targetDays + ' j)', i.breachCount, i.count])
      .concat(measures.tasks.map(t => [t.name + ' (échéance)', t.breachCount, t.count]));
    const table = document.getElementById('breaches');
    const head = table.insertRow();
    ['Délai ou tâche', 'Dépassements', 'Sur'].forEach(text => {
      const th = document.createElement('th');
      th.textContent = text;
      head.appendChild(th);
    });
    rows.forEach(([name, breaches, count]) => {
      const row = table.insertRow();
      row.insertCell().textContent = name;
      [breaches, count].forEach(n => {
        const cell = row.insertCell();
        cell.className = 'n';
        cell.textContent = n;
      });
    });

    document.body.dataset.rendered = 'true';
  }
})();
