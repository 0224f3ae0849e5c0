DROP TABLE maintenance_windows;
DROP TABLE status_days;
