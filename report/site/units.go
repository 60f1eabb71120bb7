package site

// unitPages renders units/<slug>.html for every business unit.
func (r *renderer) unitPages() error {
	for _, u := range r.sc.Units {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if err := r.execute(unitPage, r.v.UnitPath(u), r.v.UnitPage(u)); err != nil {
			return err
		}
	}
	return nil
}
