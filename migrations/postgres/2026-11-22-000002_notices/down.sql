DROP TABLE communication_preferences;
DROP TABLE notices;
