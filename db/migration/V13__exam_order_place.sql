-- Where an order handled by hand takes place (établissement, service), recorded with its date by the
-- coordinator who books it (Tasklist's "Programmer l'examen", or POST /api/orders/{id}/schedule).
alter table exam_order add column scheduled_place varchar(200);
