-- Several processes on one store (issue 11): a pending delivery is held by the process that claimed it until
-- lease_until (epoch ms); after that another process may take it over and settle it (look for the message, or
-- send again with the row's nonce). claimed_by is the claiming process's random id, compared by the code;
-- claimed_host (host and pid) is there for people reading the table. Rows from before this version have no
-- holder and count as expired. A completed row keeps claimed_host as a record of who finished it.
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT CHECK (claimed_by IS NULL OR length(claimed_by) BETWEEN 1 AND 64);
ALTER TABLE deliveries ADD COLUMN claimed_host TEXT CHECK (claimed_host IS NULL OR length(claimed_host) <= 200);
ALTER TABLE deliveries ADD COLUMN lease_until INTEGER;
