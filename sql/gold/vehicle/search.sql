-- The trigrams of every vehicle's registration, for a registration partly known ("AB1? ?CE"): each
-- force's vehicles of gold.vehicle_link with every three characters in a row of their search key,
-- its start and end marked ^ and $ ("^AB", "AB1", ..., "DE$"). A partial registration's known
-- characters give trigrams the plate must all hold; sorted by trigram, so a lookup reads a few row
-- groups (resolve/PlatePattern, search/VehicleSearch).
WITH plate AS (
  SELECT DISTINCT force_id, vehicle_id, vrm_key, concat('^', vrm_key, '$') AS marked
  FROM gold.vehicle_link
)
SELECT DISTINCT force_id, substring(marked, i, 3) AS gram, vehicle_id, vrm_key
FROM plate
LATERAL VIEW explode(sequence(1, length(marked) - 2)) g AS i
ORDER BY gram, force_id, vehicle_id
